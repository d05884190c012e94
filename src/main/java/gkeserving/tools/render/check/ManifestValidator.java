package gkeserving.tools.render.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import gkeserving.tools.render.tree.CanonicalValues;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a Kubernetes manifest against the real schema of its kind, offline.
 *
 * <p>The kind's typed fabric8 model class is the schema: the manifest is decoded into
 * it with scalar coercion switched off (see {@link StrictMapper}), then the decoded tree
 * is walked for fields the class does not have (see {@link UnknownFieldWalker}).
 * Returns every problem found; an empty list means the manifest is valid.
 */
public final class ManifestValidator {

    private final JsonMapper strictMapper = StrictMapper.create();
    private final YAMLMapper yamlReader = YAMLMapper.builder()
            // kubectl rejects a key given twice; silently keeping the last one would hide that.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * @param manifest one Kubernetes object as plain maps/lists/scalars (as parsed from YAML
     *                 or produced by a Pulumi render; whole doubles are accepted as integers)
     * @param source   where it came from, e.g. a file name; repeated in each problem
     */
    public List<SchemaProblem> validate(Map<String, Object> manifest, String source) {
        List<SchemaProblem> problems = new ArrayList<>(requiredFields(manifest, source));
        Optional<String> apiVersion = stringAt(manifest, "apiVersion");
        Optional<String> kind = stringAt(manifest, "kind");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return problems; // without both, there is no schema to check against
        }
        Optional<Class<? extends HasMetadata>> modelClass = KnownKinds.find(apiVersion.get(), kind.get());
        Optional<JsonNode> crd = CrdSchemas.find(apiVersion.get(), kind.get());
        if (modelClass.isEmpty() && crd.isPresent()) {
            problems.addAll(OpenApiCheck.check(crd.get(), CanonicalValues.map(manifest), source));
            return problems;
        }
        if (modelClass.isEmpty()) {
            problems.add(new SchemaProblem(source, "kind",
                    KnownKinds.unknownKindMessage(apiVersion.get(), kind.get())));
            return problems;
        }
        problems.addAll(checkAgainstModel(CanonicalValues.of(manifest), modelClass.get(), source));
        return problems;
    }

    /** Validates one YAML document; text that is not exactly one YAML mapping is itself a problem. */
    public List<SchemaProblem> validateYaml(String yamlText, String source) {
        List<Object> documents;
        try (MappingIterator<Object> reader = yamlReader.readerFor(Object.class).readValues(yamlText)) {
            documents = reader.readAll();
        } catch (JsonProcessingException e) {
            return List.of(new SchemaProblem(source, "", "not valid YAML: " + describeSyntaxError(e)));
        } catch (IOException e) {
            return List.of(new SchemaProblem(source, "", "cannot be read: " + e.getMessage()));
        }
        documents.removeIf(document -> document == null); // a bare "---" separator is not a document
        if (documents.size() != 1) {
            return List.of(new SchemaProblem(source, "",
                    "expected exactly one YAML document, found " + documents.size()));
        }
        if (!(documents.get(0) instanceof Map<?, ?> map)) {
            return List.of(new SchemaProblem(source, "",
                    "expected a mapping with apiVersion, kind and metadata, got "
                            + DecodeFailure.describeValue(documents.get(0))));
        }
        @SuppressWarnings("unchecked") // YAML mapping keys are always read as strings
        Map<String, Object> manifest = (Map<String, Object>) map;
        return validate(manifest, source);
    }

    private List<SchemaProblem> checkAgainstModel(Object manifest, Class<? extends HasMetadata> modelClass,
                                                  String source) {
        Object decoded;
        try {
            JsonNode tree = strictMapper.valueToTree(manifest);
            decoded = strictMapper.readerFor(modelClass).readValue(tree);
        } catch (JsonMappingException e) {
            // Jackson stops at the first mismatch, so unknown fields are only reported once types are right.
            return List.of(DecodeFailure.describe(e, manifest, source));
        } catch (IOException e) {
            return List.of(new SchemaProblem(source, "", "cannot be decoded: " + e.getMessage()));
        }
        return UnknownFieldWalker.walk(strictMapper, decoded, source);
    }

    private static List<SchemaProblem> requiredFields(Map<String, Object> manifest, String source) {
        List<SchemaProblem> problems = new ArrayList<>();
        requireString(manifest, "apiVersion", "apiVersion", source).ifPresent(problems::add);
        requireString(manifest, "kind", "kind", source).ifPresent(problems::add);
        Object metadata = manifest.get("metadata");
        if (metadata instanceof Map<?, ?> metadataMap) {
            requireString(metadataMap, "name", "metadata.name", source).ifPresent(problems::add);
        } else {
            problems.add(new SchemaProblem(source, "metadata.name", "required (a non-empty string)"));
        }
        return problems;
    }

    private static Optional<SchemaProblem> requireString(Map<?, ?> map, String key, String path, String source) {
        Object value = map.get(key);
        if (value instanceof String text && !text.isBlank()) {
            return Optional.empty();
        }
        String got = value == null ? "" : ", got " + DecodeFailure.describeValue(value);
        return Optional.of(new SchemaProblem(source, path, "required (a non-empty string)" + got));
    }

    private static Optional<String> stringAt(Map<String, Object> manifest, String key) {
        return manifest.get(key) instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    }

    private static String describeSyntaxError(JsonProcessingException e) {
        String location = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        String message = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)) + location;
    }
}
