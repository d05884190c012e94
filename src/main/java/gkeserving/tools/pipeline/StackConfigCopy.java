package gkeserving.tools.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import gkeserving.tools.project.StackFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * Jackson's YAML parser reads YAML 1.1's boolean words (yes, no, on, off) as booleans; to the pulumi CLI
     * (YAML 1.2 core schema) they are text, so the copy must keep them text.
     */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
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
        JsonNode parsed = parse(stackYaml, source);
        ObjectNode root = parsed instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
        ObjectNode config = objectAt(root, "config", source);
        ObjectNode image = objectAt(config, IMAGE_KEY, source);
        image.put(EXISTING_DIGEST, digestRef);
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("YAML tree could not be written", e);
        }
    }

    /** The stack YAML with the top-level keys of the secrets-state file (encryptionsalt, …) it does not set itself. */
    static String withSecretsState(String stackYaml, String secretsStateYaml, Path source) {
        JsonNode parsed = parse(stackYaml, source);
        ObjectNode root = parsed instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
        JsonNode state = parse(secretsStateYaml, source);
        if (state != null) {
            state.fields().forEachRemaining(e -> {
                if (!root.has(e.getKey())) {
                    root.set(e.getKey(), e.getValue());
                }
            });
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("YAML tree could not be written", e);
        }
    }

    private static JsonNode parse(String yaml, Path source) {
        try {
            JsonNode node = YAML.readTree(yaml);
            if (node != null && !node.isMissingNode() && !node.isNull() && !node.isObject()) {
                throw PipelineException.usage(source + " must be a YAML mapping (with a config: section)");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw PipelineException.usage(source + " is not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static ObjectNode objectAt(ObjectNode parent, String key, Path source) {
        JsonNode existing = parent.get(key);
        if (existing == null || existing.isNull()) {
            return parent.putObject(key);
        }
        if (existing instanceof ObjectNode object) {
            return object;
        }
        throw PipelineException.usage("'" + key + "' in " + source + " must be a mapping, not " + existing.getNodeType());
    }
}
