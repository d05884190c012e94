package gkeserving.tools.pipeline.smoke;

import java.time.Duration;

/** Exponential backoff: {@code initial, initial*factor, initial*factor^2, ...}, capped at {@code max}. */
public record Backoff(Duration initial, double factor, Duration max) {

    /** The wait before retry number {@code retry} (1 = the first retry). */
    public Duration delayBefore(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1, was " + retry);
        }
        // In double nanos so large retry counts saturate at max instead of overflowing.
        double nanos = initial.toNanos() * Math.pow(factor, retry - 1);
        if (Double.isInfinite(nanos) || nanos >= max.toNanos()) {
            return max;
        }
        return Duration.ofNanos((long) nanos);
    }
}
