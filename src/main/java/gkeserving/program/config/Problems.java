package gkeserving.program.config;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems so that all of them are reported at once. */
public final class Problems {
    private final List<String> messages = new ArrayList<>();

    public void add(String message) {
        messages.add(message);
    }

    /** Adds {@code message} unless {@code ok}; returns {@code ok} so checks can be chained. */
    public boolean check(boolean ok, String message) {
        if (!ok) {
            messages.add(message);
        }
        return ok;
    }

    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new InvalidConfigException(messages);
        }
    }
}
