package gkeserving.tools.pipeline.smoke;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Outcome of one smoke test run.
 *
 * @param phase            where the run ended: the phase that failed, or {@link Phase#DONE}
 * @param baseUrl          the endpoint, once the address was known; else null
 * @param availableVersion the newest AVAILABLE model version, once seen; else null
 * @param predictLatencyP50 median predict latency; null unless every predict call succeeded
 * @param attempts         polls made while waiting: address lookups plus model status checks
 * @param elapsed          from start to result
 */
public record SmokeResult(boolean passed, Phase phase, String message, String baseUrl, Long availableVersion,
                          Duration predictLatencyP50, Duration predictLatencyMax, int attempts, Duration elapsed) {

    /** The smoke test's steps, in order. */
    public enum Phase {
        ADDRESS, STATUS, PREDICT, DONE;

        /** Lower-case name used in reports: address, status, predict, done. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A JSON-ready view: durations as milliseconds, absent values as null. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", passed);
        map.put("phase", phase.label());
        map.put("message", message);
        map.put("baseUrl", baseUrl);
        map.put("availableVersion", availableVersion);
        map.put("predictLatencyP50Ms", millis(predictLatencyP50));
        map.put("predictLatencyMaxMs", millis(predictLatencyMax));
        map.put("attempts", attempts);
        map.put("elapsedMs", millis(elapsed));
        return map;
    }

    private static Double millis(Duration duration) {
        // Fractional: a predict against a warm model can take well under a millisecond.
        return duration == null ? null : duration.toNanos() / 1_000_000.0;
    }
}
