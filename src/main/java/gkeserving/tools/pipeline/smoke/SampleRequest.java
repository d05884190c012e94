package gkeserving.tools.pipeline.smoke;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The predict request the smoke test sends, checked before anything is deployed or waited for.
 *
 * @param body          the JSON text, sent as given
 * @param format        row ({@code instances}) or columnar ({@code inputs})
 * @param instanceCount how many rows a row-format request holds; empty for columnar
 */
public record SampleRequest(String body, Format format, OptionalInt instanceCount) {

    /** TF Serving's two predict request shapes; each has its own response key. */
    public enum Format {
        ROW("instances", "predictions"),
        COLUMNAR("inputs", "outputs");

        public final String requestKey;
        public final String responseKey;

        Format(String requestKey, String responseKey) {
            this.requestKey = requestKey;
            this.responseKey = responseKey;
        }
    }

    /**
     * @throws IllegalArgumentException with one sentence on what is wrong with the sample request
     */
    public static SampleRequest parse(String json) {
        if (json == null || json.isBlank()) {
            throw invalid("is empty; expected a JSON object with \"instances\" (row format) or \"inputs\" (columnar)");
        }
        JsonNode root = Json.tryParse(json)
                .orElseThrow(() -> invalid("is not valid JSON: " + Json.snippet(json)));
        if (!root.isObject()) {
            throw invalid("must be a JSON object with \"instances\" or \"inputs\", found " + root.getNodeType());
        }
        boolean rows = root.has(Format.ROW.requestKey);
        boolean columns = root.has(Format.COLUMNAR.requestKey);
        if (rows && columns) {
            throw invalid("has both \"instances\" and \"inputs\"; TF Serving accepts exactly one of them");
        }
        if (columns) {
            return new SampleRequest(json, Format.COLUMNAR, OptionalInt.empty());
        }
        if (!rows) {
            List<String> keys = new ArrayList<>();
            root.fieldNames().forEachRemaining(keys::add);
            throw invalid("needs \"instances\" (row format) or \"inputs\" (columnar); found keys " + keys);
        }
        JsonNode instances = root.get(Format.ROW.requestKey);
        if (!instances.isArray() || instances.isEmpty()) {
            throw invalid("\"instances\" must be a non-empty list, one element per example");
        }
        return new SampleRequest(json, Format.ROW, OptionalInt.of(instances.size()));
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("sample predict request " + problem);
    }
}
