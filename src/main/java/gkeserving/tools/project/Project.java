package gkeserving.tools.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Pulumi project on disk, as every tool finds it: the directory holding Pulumi.yaml, its stack files
 * (Pulumi.dev.yaml beside it, the others under stacks/), the sample requests under models/ and the
 * pipeline's own files under target/pipeline/. Problems are {@link ProjectException}s.
 */
public record Project(Path root) {
    public static final String PROJECT_FILE = "Pulumi.yaml";
    /**
     * A stack file's {@code pipeline:requireConfirmation: true} makes the pipeline ask for --yes before it
     * changes that stack. The key is the pipeline's, in its own namespace: the program never reads it.
     */
    public static final String REQUIRE_CONFIRMATION = "pipeline:requireConfirmation";

    public Project {
        root = root.toAbsolutePath().normalize();
    }

    /** The explicit --project-dir (relative to {@code cwd}) if given, else the nearest directory upwards with a Pulumi.yaml. */
    public static Project locate(Optional<Path> explicitDir, Path cwd) {
        Path here = cwd.toAbsolutePath().normalize();
        if (explicitDir.isPresent()) {
            return at(here.resolve(explicitDir.get()));
        }
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(PROJECT_FILE))) {
                return new Project(dir);
            }
        }
        throw new ProjectException("no " + PROJECT_FILE + " in " + here
                + " or any parent directory: run inside the project or pass --project-dir");
    }

    /** The project in {@code dir}, which must hold a Pulumi.yaml. */
    public static Project at(Path dir) {
        Project project = new Project(dir);
        if (!Files.isRegularFile(project.projectFile())) {
            throw new ProjectException("--project-dir " + project.root + " has no " + PROJECT_FILE);
        }
        return project;
    }

    public Path projectFile() {
        return root.resolve(PROJECT_FILE);
    }

    /** The stack files, read the way the pulumi CLI hands them to the program. */
    public StackFiles stackFiles() {
        return new StackFiles(this);
    }

    /** Every stack file of the project, sorted by stack name. */
    public List<StackFile> stacks() {
        return stackFiles().stacks().entrySet().stream().map(e -> stackFile(e.getKey(), e.getValue())).toList();
    }

    /** The named stack's file; an unknown or ambiguous name is a ProjectException listing what exists. */
    public StackFile stack(String name) {
        return stackFile(name, stackFiles().stackFile(name));
    }

    private StackFile stackFile(String name, Path path) {
        return new StackFile(name, path, path.getParent().equals(root));
    }

    /** Where the pulumi CLI keeps the passphrase salt of a stack whose config lives under stacks/, if it has one. */
    public Optional<Path> secretsStateFile(String stack) {
        return stackFiles().secretsStateFile(stack);
    }

    /** Whether the stack's configuration asks for --yes before changes ({@link #REQUIRE_CONFIRMATION}). */
    public boolean requiresConfirmation(String stack) {
        StackFiles files = stackFiles();
        String value = files.config(stack).getOrDefault(REQUIRE_CONFIRMATION, "false").strip();
        if (!value.equals("true") && !value.equals("false")) {
            throw new ProjectException(REQUIRE_CONFIRMATION + " (" + value + ") in " + files.stackFile(stack)
                    + " must be true or false");
        }
        return value.equals("true");
    }

    public Path pipelineDir() {
        return root.resolve("target").resolve("pipeline");
    }

    public Path sampleRequest(String modelName) {
        return root.resolve("models").resolve(modelName).resolve("sample-request.json");
    }

    /** Pulumi.yaml's runtime.options.binary (the prebuilt program jar), when the project names one. */
    public Optional<Path> programBinary() {
        Object runtime = StackFiles.readYaml(projectFile()).get("runtime");
        Object options = runtime instanceof Map<?, ?> r ? r.get("options") : null;
        Object binary = options instanceof Map<?, ?> o ? o.get("binary") : null;
        return binary instanceof String path ? Optional.of(root.resolve(path)) : Optional.empty();
    }
}
