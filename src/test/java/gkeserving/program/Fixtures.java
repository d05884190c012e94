package gkeserving.program;

import com.pulumi.core.Output;
import com.pulumi.resources.InputArgs;
import gkeserving.program.config.Settings;
import gkeserving.tools.sdk.PulumiInternals;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What unit tests start from: a shipped stack's config and settings (optionally overridden), loaded and
 * validated as the program loads them, and a builder's args as the engine receives them.
 */
public final class Fixtures {
    public static final String SERVING = Settings.PROJECT + ":serving";
    public static final String MODEL = Settings.PROJECT + ":model";
    public static final String IMAGE = Settings.PROJECT + ":image";
    public static final String GPU_POOL = Settings.PROJECT + ":gpuPool";
    public static final String NETWORK = Settings.PROJECT + ":network";
    public static final String CLUSTER = Settings.PROJECT + ":cluster";

    private Fixtures() {
    }

    /** The stack file's config as the pulumi CLI reads it (project defaults included). */
    public static Map<String, String> config(String stack) {
        return config(stack, Map.of());
    }

    /** @param overrides full config keys ({@code gke-gpu-serving:gpuPool}) to raw values; a null value removes the key */
    public static Map<String, String> config(String stack, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(ProgramRun.FILES.config(stack));
        overrides.forEach((key, value) -> {
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
        });
        return config;
    }

    public static Settings settings(String stack) {
        return settings(stack, Map.of());
    }

    public static Settings settings(String stack, Map<String, String> overrides) {
        return load(stack, config(stack, overrides));
    }

    /** The dev stack with {@code gke-gpu-serving:serving} replaced by {@code servingJson}. */
    public static Settings devWithServing(String servingJson) {
        return settings("dev", Map.of(SERVING, servingJson));
    }

    /** Settings from any config map, as {@link App} loads them (throws on invalid config). */
    public static Settings load(String stack, Map<String, String> config) {
        return Settings.load(stack, key -> Optional.ofNullable(config.get(key)));
    }

    /**
     * A resource's args as a registration serialises them (numbers as doubles): paths work with
     * {@link ProgramRun#at(Map, String)} as on a run's inputs.
     */
    public static Map<String, Object> inputs(InputArgs args) {
        return PulumiInternals.registeredInputs(args);
    }

    /** The value of a known output, e.g. one of a builder's args. */
    public static <T> T value(Output<T> output) {
        return PulumiInternals.settled(output).orElseThrow().value();
    }

    public static boolean isSecret(Output<?> output) {
        return PulumiInternals.settled(output).orElseThrow().secret();
    }
}
