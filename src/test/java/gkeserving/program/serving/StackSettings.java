package gkeserving.program.serving;

import gkeserving.program.ProgramRun;
import gkeserving.program.config.Settings;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Settings as a shipped stack file (plus overrides) yields them, so unit tests start from the real defaults. */
final class StackSettings {
    static final String SERVING = "gke-gpu-serving:serving";

    private StackSettings() {
    }

    static Settings of(String stack, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(ProgramRun.FILES.config(stack));
        config.putAll(overrides);
        return Settings.load(stack, key -> Optional.ofNullable(config.get(key)));
    }

    static Settings devWithServing(String servingJson) {
        return of("dev", Map.of(SERVING, servingJson));
    }
}
