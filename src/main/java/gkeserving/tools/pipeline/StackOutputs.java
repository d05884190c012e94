package gkeserving.tools.pipeline;

import gkeserving.program.StackExport;
import com.pulumi.automation.OutputValue;
import gkeserving.program.serving.Endpoints;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
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
    public Optional<String> text(StackExport export) {
        String key = export.key();
        Object value = values.get(key);
        return value instanceof String s && !s.isBlank() && !secretKeys.contains(key) ? Optional.of(s) : Optional.empty();
    }

    /**
     * The program's {@link Endpoints} as it exported them (restEndpoint, grpcEndpoint, modelStatusUrl), when
     * the REST and status outputs are URLs with a host (not, e.g., before the load balancer had an address).
     */
    public Optional<Endpoints> servingEndpoints() {
        Optional<String> rest = text(StackExport.REST_ENDPOINT).filter(StackOutputs::hasHost);
        Optional<String> status = text(StackExport.MODEL_STATUS_URL).filter(StackOutputs::hasHost);
        return rest.isPresent() && status.isPresent()
                ? Optional.of(new Endpoints(rest.get(), text(StackExport.GRPC_ENDPOINT).orElse(null), status.get()))
                : Optional.empty();
    }

    /** Pure: whether a URL has a scheme and a host. */
    static boolean hasHost(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Pure: one "  key: value" line per output, secrets redacted, structured values as JSON. */
    public List<String> lines() {
        return redacted().entrySet().stream().map(e -> "  " + e.getKey() + ": "
                + (e.getValue() instanceof String text ? text : RunReportWriter.toJson(e.getValue()))).toList();
    }
}
