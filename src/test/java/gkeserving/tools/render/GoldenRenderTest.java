package gkeserving.tools.render;

import gkeserving.tools.CommandRun;
import gkeserving.program.ProgramRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every shipped stack renders exactly as committed under {@code src/test/resources/golden/<stack>/}.
 * An intended change regenerates them with one command (see docs/render.md), and the diff is reviewed
 * like code:
 * <pre>./mvnw -B -q test -Dtest=GoldenRenderTest -Dgolden.update=true</pre>
 */
class GoldenRenderTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final String UPDATE_COMMAND = "./mvnw -B -q test -Dtest=GoldenRenderTest -Dgolden.update=true";

    @ParameterizedTest
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void renderMatchesTheCommittedGolden(String stack, @TempDir Path out) throws IOException {
        CommandRun run = CommandRun.of(new CommandLine(new RenderCommand()),
                "--stack", stack, "--out", out.toString(), "--project-dir", ProgramRun.FILES.projectDir().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path golden = GOLDEN.resolve(stack);
        if (Boolean.getBoolean("golden.update")) {
            replace(golden, out);
            return;
        }

        Map<String, String> expected = RenderedTree.read(golden);
        Map<String, String> actual = RenderedTree.read(out);
        String hint = "render of stack '" + stack + "' differs from " + golden
                + "; if the change is intended, run `" + UPDATE_COMMAND + "` and review the diff";
        assertThat(actual.keySet()).as("files; " + hint).containsExactlyElementsOf(expected.keySet());
        List<String> differences = new ArrayList<>();
        expected.forEach((file, text) -> {
            String difference = RenderedTree.firstDifference(text, actual.get(file));
            if (difference != null) {
                differences.add(file + " " + difference);
            }
        });
        if (!differences.isEmpty()) {
            fail(hint + ":\n  " + String.join("\n  ", differences));
        }
    }

    @Test
    void everyGoldenBelongsToAShippedStack() throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            for (String orphan : goldenStacks()) {
                if (!ProgramRun.shippedStacks().contains(orphan)) {
                    delete(GOLDEN.resolve(orphan));
                }
            }
        }
        assertThat(goldenStacks()).as("directories under " + GOLDEN + "; regenerate with `" + UPDATE_COMMAND + "`")
                .containsExactlyInAnyOrderElementsOf(ProgramRun.shippedStacks());
    }

    private static List<String> goldenStacks() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void replace(Path golden, Path rendered) throws IOException {
        delete(golden);
        for (Map.Entry<String, String> file : RenderedTree.read(rendered).entrySet()) {
            Path target = golden.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }
}
