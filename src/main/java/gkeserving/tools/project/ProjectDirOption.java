package gkeserving.tools.project;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** {@code --project-dir} for the offline tools, as a picocli mixin; without it the project is found upwards from here. */
public final class ProjectDirOption {
    @Option(names = "--project-dir", paramLabel = "<dir>",
            description = "Directory of Pulumi.yaml (default: the nearest one at or above the current directory).")
    private Path projectDir;

    public Project locate() {
        return Project.locate(Optional.ofNullable(projectDir), Path.of(""));
    }
}
