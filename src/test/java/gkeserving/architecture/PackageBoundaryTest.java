package gkeserving.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundary docs/architecture.md draws, enforced: the Pulumi program (gkeserving.program) knows
 * nothing of the tools that drive or inspect it (gkeserving.tools, gkeserving.cli). One Maven module per
 * side would enforce the same, but the single shaded jar is what `pulumi` and the README run.
 */
class PackageBoundaryTest {
    private static final Path MAIN = Path.of("src/main/java/gkeserving");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void theProgramImportsNoTool() {
        assertThat(importsUnder(MAIN.resolve("program")))
                .as("imports of gkeserving.tools or gkeserving.cli from the program")
                .noneMatch(i -> i.imported().startsWith("gkeserving.tools.") || i.imported().startsWith("gkeserving.cli."));
    }

    @Test
    void theBoundaryCheckSeesImports() {
        // Guards the test above against passing on an empty or mis-parsed tree.
        assertThat(importsUnder(MAIN.resolve("tools")))
                .anyMatch(i -> i.imported().startsWith("gkeserving.program."));
    }

    record Import(Path file, String imported) {
    }

    static List<Import> importsUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(PackageBoundaryTest::imports).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Import> imports(Path file) {
        try {
            Matcher m = IMPORT.matcher(Files.readString(file));
            Stream.Builder<Import> found = Stream.builder();
            while (m.find()) {
                found.add(new Import(file, m.group(1)));
            }
            return found.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
