package gkeserving.tools.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import gkeserving.tools.project.ProjectException;
import gkeserving.tools.project.StackFile;
import gkeserving.tools.project.StackYaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A throw-away copy of a stack file, passed to the CLI with --config-file, so the pipeline never
 * edits the user's files: used for stacks under stacks/ (the CLI only finds Pulumi.&lt;stack&gt;.yaml
 * at the root by itself) and for promotion's image.existingDigest.
 */
final class StackConfigCopy {
    static final String IMAGE_KEY = "gke-gpu-serving:image";
    static final String EXISTING_DIGEST = "existingDigest";

    /**
     * Writes only: the copy is read with {@link StackYaml}, as the pulumi CLI reads it, so YAML 1.1 leftovers
     * ({@code yes}, {@code 1:20}, dates) stay the text the CLI sees; strings are written quoted.
     */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build());

    private StackConfigCopy() {
    }

    /** Whether the CLI needs a copy at all: only when the file is elsewhere or something is added. */
    static boolean needed(StackFile stack, Optional<String> existingDigest) {
        return !stack.defaultLocation() || existingDigest.isPresent();
    }

    /**
     * Writes the copy to {@code target} and returns it.
     *
     * @param secretsState the root file where {@code pulumi stack init} put the stack's passphrase salt,
     *                     when its config lives under stacks/: the copy carries that salt, so the CLI
     *                     decrypts with the salt the stack was created with
     */
    static Path write(StackFile stack, Optional<String> existingDigest, Optional<Path> secretsState, Path target) {
        try {
            String text = Files.readString(stack.path());
            String copy = existingDigest.isPresent() ? withExistingDigest(text, existingDigest.get(), stack.path()) : text;
            if (secretsState.isPresent()) {
                copy = withSecretsState(copy, Files.readString(secretsState.get()), stack.path());
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, copy);
            return target;
        } catch (IOException e) {
            throw PipelineException.usage("cannot copy stack file " + stack.path() + " to " + target + ": " + e.getMessage());
        }
    }

    /** The stack file's YAML with config["gke-gpu-serving:image"].existingDigest set, other keys kept. */
    static String withExistingDigest(String stackYaml, String digestRef, Path source) {
        Map<String, Object> root = parse(stackYaml, source);
        mappingAt(mappingAt(root, "config", source), IMAGE_KEY, source).put(EXISTING_DIGEST, digestRef);
        return written(root);
    }

    /** The stack YAML with the top-level keys of the secrets-state file (encryptionsalt, …) it does not set itself. */
    static String withSecretsState(String stackYaml, String secretsStateYaml, Path source) {
        Map<String, Object> root = parse(stackYaml, source);
        parse(secretsStateYaml, source).forEach(root::putIfAbsent);
        return written(root);
    }

    private static Map<String, Object> parse(String yaml, Path source) {
        try {
            return StackYaml.parse(yaml, source);
        } catch (ProjectException e) {
            throw PipelineException.usage(e.getMessage());
        }
    }

    private static String written(Map<String, Object> root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("YAML tree could not be written", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mappingAt(Map<String, Object> parent, String key, Path source) {
        Object existing = parent.get(key);
        if (existing == null) {
            Map<String, Object> created = new LinkedHashMap<>();
            parent.put(key, created);
            return created;
        }
        if (existing instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw PipelineException.usage("'" + key + "' in " + source + " must be a mapping, not " + existing);
    }
}
