package gkeserving.tools.pipeline;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Finds a command the pipeline runs (pulumi, gcloud) the way a shell would, so a missing one is named up front. */
final class ExecutableOnPath {
    private ExecutableOnPath() {
    }

    /** The first executable file called {@code name} in a PATH-style list of directories. */
    static Optional<Path> find(String pathVariable, String name) {
        return Arrays.stream(pathVariable.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }
}
