package gkeserving.tools.pipeline.smoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/** The one ObjectMapper of the package, plus lenient helpers for reading TF Serving's answers. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final int SNIPPET_CHARS = 200;

    private Json() {
    }

    /** The body as a JSON tree, or empty when it is not JSON at all. */
    static Optional<JsonNode> tryParse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** TF Serving reports failures as {@code {"error": "..."}}; this returns that text if present. */
    static Optional<String> tfServingError(String body) {
        return tryParse(body)
                .map(node -> node.get("error"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
    }

    /** The body cut to a length that fits in a one-line message. */
    static String snippet(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= SNIPPET_CHARS ? oneLine : oneLine.substring(0, SNIPPET_CHARS) + "...";
    }
}
