package gkeserving.tools.pipeline;

import com.pulumi.automation.OutputValue;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A stack's outputs with secrets known by key, so nothing secret reaches a report or a terminal. */
public record StackOutputs(Map<String, Object> values, Set<String> secretKeys) {
    static final String REDACTED = "[secret]";

    public StackOutputs {
        values = Map.copyOf(values);
        secretKeys = Set.copyOf(secretKeys);
    }

    static StackOutputs from(Map<String, OutputValue> outputs) {
        Map<String, Object> values = new TreeMap<>();
        outputs.forEach((key, output) -> {
            if (output.value() != null) {
                values.put(key, output.value());
            }
        });
        Set<String> secrets = outputs.entrySet().stream()
                .filter(e -> e.getValue().isSecret())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return new StackOutputs(values, secrets);
    }

    /** Every output, sorted by key, secrets replaced by "[secret]". */
    public Map<String, Object> redacted() {
        Map<String, Object> shown = new TreeMap<>();
        values.forEach((key, value) -> shown.put(key, secretKeys.contains(key) ? REDACTED : value));
        return shown;
    }

    /** A non-secret string output. */
    public Optional<String> text(String key) {
        Object value = values.get(key);
        return value instanceof String s && !s.isBlank() && !secretKeys.contains(key) ? Optional.of(s) : Optional.empty();
    }

    /** TF Serving's REST base URL (http://ip:8501), from modelStatusUrl, else from restEndpoint. */
    public Optional<String> servingBaseUrl() {
        return text("modelStatusUrl").flatMap(StackOutputs::baseUrl)
                .or(() -> text("restEndpoint").flatMap(StackOutputs::baseUrl));
    }

    /** Pure: scheme://host[:port] of a URL, empty when it has no host (e.g. an IP not yet assigned). */
    static Optional<String> baseUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getHost().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
