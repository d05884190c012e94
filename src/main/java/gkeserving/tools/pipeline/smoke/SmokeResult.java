package gkeserving.tools.pipeline.smoke;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import gkeserving.program.serving.Endpoints;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Everything one smoke test found, as the pipeline's run report embeds it: the verdict, the phase it ended
 * in, what it probed, the model version served, the predict latency and how long each phase took.
 * Durations appear in JSON as fractional milliseconds ({@code elapsedMs}, {@code latency.p50Ms}, ...).
 *
 * @param phase         where the run ended: the phase that failed, or {@link Phase#DONE}; null when skipped
 * @param endpoints     what was probed; null when the test stopped before it had them
 * @param servedVersion the newest AVAILABLE model version, once seen; else null
 * @param latency       predict latency; null unless every predict call succeeded
 * @param attempts      model status checks made while waiting
 * @param phaseTimings  how long each phase that ran took, in order
 * @param elapsed       from start to result
 */
public record SmokeResult(Status status, Phase phase, String message, Endpoints endpoints, Long servedVersion,
                          LatencySummary latency, int attempts, List<PhaseTiming> phaseTimings,
                          @JsonIgnore Duration elapsed) {

    public SmokeResult {
        phaseTimings = List.copyOf(phaseTimings);
    }

    public enum Status {
        PASSED, FAILED, SKIPPED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Where a smoke test can end. OUTPUTS, SAMPLE and CHECK come before any request: the stack outputs or
     * the sample request could not be used, or the check itself broke. STATUS waits for the model to be
     * AVAILABLE, PREDICT measures predict calls, DONE means every check passed.
     */
    public enum Phase {
        OUTPUTS, SAMPLE, CHECK, STATUS, PREDICT, DONE;

        /** Lower-case name used in messages and reports: status, predict, done, ... */
        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How long one phase of a run took. */
    public record PhaseTiming(Phase phase, @JsonIgnore Duration elapsed) {
        @JsonProperty("elapsedMs")
        double elapsedMillis() {
            return Durations.millis(elapsed);
        }
    }

    /** The test was not run; {@code why} says who decided so (e.g. --skip-smoke). */
    public static SmokeResult skipped(String why) {
        return new SmokeResult(Status.SKIPPED, null, why, null, null, null, 0, List.of(), Duration.ZERO);
    }

    /** The test stopped before probing anything, in {@code phase} (OUTPUTS, SAMPLE or CHECK). */
    public static SmokeResult failedBefore(Phase phase, String message) {
        return new SmokeResult(Status.FAILED, phase, message, null, null, null, 0, List.of(), Duration.ZERO);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    @JsonProperty("elapsedMs")
    double elapsedMillis() {
        return Durations.millis(elapsed);
    }
}
