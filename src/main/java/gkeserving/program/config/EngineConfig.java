package gkeserving.program.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The config keys the Pulumi engine hands a program in {@value #ENV} (a JSON object). The SDK reads
 * values from it but offers no way to list them; listing them is what lets a misspelled top-level key
 * fail instead of being silently ignored.
 */
public final class EngineConfig {
    public static final String ENV = "PULUMI_CONFIG";

    private EngineConfig() {
    }

    /** Keys as {@code namespace:key}; the engine's older {@code namespace:config:key} form is normalised. Empty if unknown. */
    public static Set<String> keys(String json) {
        if (json == null || json.isBlank()) {
            return Set.of();
        }
        try {
            JsonNode config = new ObjectMapper().readTree(json);
            Set<String> keys = new TreeSet<>();
            config.fieldNames().forEachRemaining(k -> keys.add(k.replaceFirst("^([^:]+):config:", "$1:")));
            return keys;
        } catch (IOException e) {
            // Not ours to judge: the SDK reads the same variable and reports it if it is broken.
            return Set.of();
        }
    }
}
