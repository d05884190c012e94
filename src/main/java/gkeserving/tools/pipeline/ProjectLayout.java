package gkeserving.tools.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import gkeserving.tools.project.StackFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where things live in the project: Pulumi.yaml at the root, Pulumi.dev.yaml beside it, the other
 * stack files under stacks/, sample requests under models/, pipeline artefacts under target/pipeline/.
 */
public record ProjectLayout(Path root) {
    static final String PROJECT_FILE = "Pulumi.yaml";
    static final String STACKS_DIR = "stacks";

    public ProjectLayout {
        root = root.toAbsolutePath().normalize();
    }

    /** The explicit --project-dir if given, else the nearest directory upwards from cwd with a Pulumi.yaml. */
    public static ProjectLayout locate(Optional<Path> explicitDir, Path cwd) {
        if (explicitDir.isPresent()) {
            Path dir = cwd.resolve(explicitDir.get()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve(PROJECT_FILE))) {
                throw PipelineException.usage("--project-dir " + dir + " has no " + PROJECT_FILE);
            }
            return new ProjectLayout(dir);
        }
        return StackFiles.findProjectDir(cwd.toAbsolutePath().normalize()).map(ProjectLayout::new)
                .orElseThrow(() -> PipelineException.usage("no " + PROJECT_FILE + " in " + cwd.toAbsolutePath().normalize()
                        + " or any parent directory: run inside the project or pass --project-dir"));
    }

    /** Every stack file of the project, sorted by stack name (found the same way the offline render finds them). */
    public List<StackFile> stackFiles() {
        try {
            return StackFiles.of(root).stacks().entrySet().stream()
                    .map(e -> new StackFile(e.getKey(), e.getValue(), e.getValue().getParent().equals(root)))
                    .toList();
        } catch (StackFiles.StackFileException e) {
            throw PipelineException.usage(e.getMessage());
        }
    }

    /** The named stack's file; an unknown or ambiguous name is a usage error listing what exists. */
    public StackFile requireStack(String name) {
        List<StackFile> all = stackFiles();
        List<StackFile> matches = all.stream().filter(f -> f.name().equals(name)).toList();
        if (matches.isEmpty()) {
            String known = all.stream().map(StackFile::name).distinct().collect(Collectors.joining(", "));
            throw PipelineException.usage("unknown stack '" + name + "': no Pulumi." + name + ".yaml in "
                    + root + " or " + root.resolve(STACKS_DIR) + "; stacks here: "
                    + (known.isEmpty() ? "(none)" : known));
        }
        return matches.get(0);
    }

    /** Where the pulumi CLI keeps the passphrase salt of a stack whose config lives under stacks/, if it has one. */
    public Optional<Path> secretsStateFile(String stack) {
        try {
            return StackFiles.of(root).secretsStateFile(stack);
        } catch (StackFiles.StackFileException e) {
            throw PipelineException.usage(e.getMessage());
        }
    }

    public Path pipelineDir() {
        return root.resolve("target").resolve("pipeline");
    }

    public Path sampleRequest(String modelName) {
        return root.resolve("models").resolve(modelName).resolve("sample-request.json");
    }

    /** Pulumi.yaml's runtime.options.binary (the prebuilt program jar), when the project names one. */
    public Optional<Path> programBinary() {
        try {
            JsonNode project = new ObjectMapper(new YAMLFactory()).readTree(root.resolve(PROJECT_FILE).toFile());
            JsonNode binary = project == null ? null : project.path("runtime").path("options").path("binary");
            return binary != null && binary.isTextual() ? Optional.of(root.resolve(binary.asText())) : Optional.empty();
        } catch (IOException e) {
            throw PipelineException.usage(root.resolve(PROJECT_FILE) + " is not readable YAML: " + e.getMessage());
        }
    }

}
