package gkeserving.tools.pipeline.smoke;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** One model on a TF Serving REST endpoint, and the URLs of its API. */
public record ServingEndpoint(String baseUrl, String model) {

    /** TF Serving routes {@code /v1/models/<name>[:verb]}; keep names to characters that need no escaping. */
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** @throws IllegalArgumentException naming the model when it cannot appear in TF Serving's URL paths */
    public static void requireValidModelName(String model) {
        if (model == null || !MODEL_NAME.matcher(model).matches()) {
            throw new IllegalArgumentException("model name '" + model
                    + "' must be non-empty and use only letters, digits, '.', '_' and '-'"
                    + " (it is the <name> in /v1/models/<name>)");
        }
    }

    /**
     * The base URL without a trailing slash, when {@code raw} is an http(s) URL with a host and nothing
     * after the port; empty otherwise.
     */
    public static Optional<String> normalizeBaseUrl(String raw) {
        String trimmed = raw.strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean plain = uri.getHost() != null && uri.getRawPath().isEmpty()
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        return (scheme.equals("http") || scheme.equals("https")) && plain ? Optional.of(trimmed) : Optional.empty();
    }

    public URI statusUri() {
        return URI.create(baseUrl + "/v1/models/" + model);
    }

    public URI predictUri() {
        return URI.create(baseUrl + "/v1/models/" + model + ":predict");
    }
}
