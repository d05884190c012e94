package gkeserving.tools.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A throwaway Pulumi project directory for render tests: a Pulumi.yaml and stack files. */
final class TestProject {
    private TestProject() {
    }

    /** A project named {@code sample} with an empty stack {@code test}. */
    static Path sample(Path dir) {
        write(dir.resolve("Pulumi.yaml"), "name: sample\nruntime: java\n");
        write(dir.resolve("Pulumi.test.yaml"), "config: {}\n");
        return dir;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
