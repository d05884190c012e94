package gkeserving.tools.pipeline.smoke;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** Judges one predict answer against the request that produced it. Pure. */
final class PredictCheck {

    private PredictCheck() {
    }

    /** What is wrong with the answer, or empty when it is a proper TF Serving prediction. */
    static Optional<String> problem(SampleRequest request, int httpStatus, String body) {
        Optional<String> tfError = Json.tfServingError(body);
        if (tfError.isPresent()) {
            return Optional.of("HTTP " + httpStatus + ": " + tfError.get());
        }
        if (httpStatus != 200) {
            return Optional.of("HTTP " + httpStatus + ": " + Json.snippet(body));
        }
        Optional<JsonNode> root = Json.tryParse(body).filter(JsonNode::isObject);
        if (root.isEmpty()) {
            return Optional.of("answer is not a JSON object: " + Json.snippet(body));
        }
        String key = request.format().responseKey;
        JsonNode result = root.get().get(key);
        if (result == null) {
            return Optional.of("answer has no \"" + key + "\" (expected for a \""
                    + request.format().requestKey + "\" request): " + Json.snippet(body));
        }
        if (request.instanceCount().isPresent()) {
            int expected = request.instanceCount().getAsInt();
            int actual = result.isArray() ? result.size() : 1;
            if (actual != expected) {
                return Optional.of("answer has " + actual + " predictions for " + expected + " instances");
            }
        }
        return Optional.empty();
    }
}
