package gkeserving.tools.pipeline.smoke;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How patiently the smoke test waits and how much it measures.
 *
 * @param initialDelay   first wait between model status checks
 * @param backoffFactor  each further wait is the previous one times this (>= 1)
 * @param maxDelay       cap on a single wait
 * @param deadline       no poll starts after this much time since the run began
 * @param requestTimeout bound on every single HTTP request
 * @param predictCalls   predict requests sent once the model is AVAILABLE (latency p50/max over them)
 */
public record SmokeSettings(Duration initialDelay, double backoffFactor, Duration maxDelay,
                            Duration deadline, Duration requestTimeout, int predictCalls) {

    public SmokeSettings {
        List<String> problems = new ArrayList<>();
        requirePositive("initialDelay", initialDelay, problems);
        requirePositive("maxDelay", maxDelay, problems);
        requirePositive("deadline", deadline, problems);
        requirePositive("requestTimeout", requestTimeout, problems);
        if (!(backoffFactor >= 1.0) || Double.isInfinite(backoffFactor)) {
            problems.add("backoffFactor (" + backoffFactor + ") must be a finite number >= 1.0");
        }
        if (isPositive(initialDelay) && isPositive(maxDelay) && maxDelay.compareTo(initialDelay) < 0) {
            problems.add("maxDelay (" + Durations.human(maxDelay) + ") must be >= initialDelay ("
                    + Durations.human(initialDelay) + ")");
        }
        if (predictCalls < 1) {
            problems.add("predictCalls (" + predictCalls + ") must be >= 1");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid smoke test settings: " + String.join("; ", problems));
        }
    }

    /** Sized for a fresh GKE rollout: a GPU node scaled up from zero and the model load take minutes. */
    public static SmokeSettings defaults() {
        return new SmokeSettings(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30),
                Duration.ofMinutes(20), Duration.ofSeconds(30), 5);
    }

    public Backoff backoff() {
        return new Backoff(initialDelay, backoffFactor, maxDelay);
    }

    private static boolean isPositive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void requirePositive(String key, Duration value, List<String> problems) {
        if (value == null) {
            problems.add(key + " is missing");
        } else if (!isPositive(value)) {
            problems.add(key + " (" + value + ") must be positive");
        }
    }
}
