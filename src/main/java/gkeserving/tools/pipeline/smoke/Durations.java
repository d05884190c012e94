package gkeserving.tools.pipeline.smoke;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Durations as people read them in messages ({@code 150ms}, {@code 0.4ms}, {@code 1.5s}, {@code 2m30s}) and
 * as reports hold them: fractional milliseconds, because a predict against a warm model can take well under one.
 */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            // One decimal: predicts against a warm model often take a millisecond or less.
            BigDecimal millis = BigDecimal.valueOf(duration.toNanos(), 6).setScale(1, RoundingMode.HALF_UP);
            return millis.stripTrailingZeros().toPlainString() + "ms";
        }
        if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
            BigDecimal seconds = BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros();
            return seconds.toPlainString() + "s";
        }
        long minutes = duration.toMinutes();
        int seconds = duration.toSecondsPart();
        return seconds == 0 ? minutes + "m" : minutes + "m" + seconds + "s";
    }

    static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
