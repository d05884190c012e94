package gkeserving.tools.pipeline.smoke;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** TF Serving's answer to {@code GET /v1/models/<name>}: the state of every version it knows. */
public record ModelStatus(List<ModelVersionStatus> versions) {

    public ModelStatus {
        versions = List.copyOf(versions);
    }

    /**
     * Reads {@code {"model_version_status":[{"version":"1","state":"AVAILABLE","status":{...}}]}}.
     *
     * @throws IllegalArgumentException naming what is missing, when the body is not that shape
     */
    public static ModelStatus parse(String body) {
        JsonNode root = Json.tryParse(body)
                .orElseThrow(() -> notModelStatus("not JSON", body));
        JsonNode entries = root.get("model_version_status");
        if (entries == null || !entries.isArray()) {
            throw notModelStatus("no \"model_version_status\" list", body);
        }
        List<ModelVersionStatus> versions = new ArrayList<>();
        for (JsonNode entry : entries) {
            versions.add(parseEntry(entry, body));
        }
        return new ModelStatus(versions);
    }

    /** The newest version that serves, if any. */
    public Optional<ModelVersionStatus> newestAvailable() {
        return versions.stream()
                .filter(ModelVersionStatus::isAvailable)
                .max(Comparator.comparingLong(ModelVersionStatus::version));
    }

    /** The newest version that failed to load, if any. */
    public Optional<ModelVersionStatus> newestLoadFailure() {
        return versions.stream()
                .filter(ModelVersionStatus::failedToLoad)
                .max(Comparator.comparingLong(ModelVersionStatus::version));
    }

    /** e.g. {@code version 1 is LOADING, version 2 is START}; says so when there are no versions. */
    public String describe() {
        if (versions.isEmpty()) {
            return "no versions listed";
        }
        return versions.stream().map(ModelVersionStatus::describe).collect(Collectors.joining(", "));
    }

    private static ModelVersionStatus parseEntry(JsonNode entry, String body) {
        JsonNode version = entry.get("version");
        JsonNode state = entry.get("state");
        // proto3 JSON prints int64 as a string; accept a plain number too.
        if (version == null || !(version.isIntegralNumber() && version.canConvertToLong() || isLongText(version))) {
            throw notModelStatus("a version entry without a numeric \"version\"", body);
        }
        if (state == null || !state.isTextual()) {
            throw notModelStatus("a version entry without a \"state\"", body);
        }
        JsonNode status = entry.path("status");
        String errorCode = status.path("error_code").asText(ModelVersionStatus.OK);
        String errorMessage = status.path("error_message").asText("");
        return new ModelVersionStatus(Long.parseLong(version.asText()), state.asText(),
                errorCode.isEmpty() ? ModelVersionStatus.OK : errorCode, errorMessage);
    }

    private static boolean isLongText(JsonNode node) {
        return node.isTextual() && node.asText().matches("-?\\d{1,18}");
    }

    private static IllegalArgumentException notModelStatus(String problem, String body) {
        return new IllegalArgumentException(
                "not a TF Serving model status (" + problem + "): " + Json.snippet(body));
    }
}
