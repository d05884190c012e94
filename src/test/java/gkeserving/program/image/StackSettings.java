package gkeserving.program.image;

import gkeserving.program.ProgramRun;
import gkeserving.program.config.Settings;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A shipped stack's settings, loaded and validated as the program does, with some keys overridden. */
final class StackSettings {
    private StackSettings() {
    }

    static Settings of(String stack, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(ProgramRun.FILES.config(stack));
        config.putAll(overrides);
        return Settings.load(stack, key -> Optional.ofNullable(config.get(key)));
    }
}
