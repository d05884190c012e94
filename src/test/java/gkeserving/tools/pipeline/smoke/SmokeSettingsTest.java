package gkeserving.tools.pipeline.smoke;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmokeSettingsTest {

    @Test
    void defaultsAreValidAndGiveTheRolloutMinutes() {
        SmokeSettings defaults = SmokeSettings.defaults();

        assertThat(defaults.deadline()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.backoff().delayBefore(1)).isEqualTo(defaults.initialDelay());
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheSetting() {
        assertThatThrownBy(() -> new SmokeSettings(Duration.ofSeconds(5), 0.5, Duration.ofSeconds(1),
                Duration.ZERO, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid smoke test settings: deadline (PT0S) must be positive; requestTimeout is missing; "
                        + "backoffFactor (0.5) must be a finite number >= 1.0; maxDelay (1s) must be >= initialDelay (5s); "
                        + "predictCalls (0) must be >= 1");
    }

    @Test
    void rejectsANonNumberFactor() {
        assertThatThrownBy(() -> new SmokeSettings(Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
                .hasMessageContaining("backoffFactor (NaN) must be a finite number >= 1.0");
    }

    /** A stack scaled to zero answers its first request only after the cold start the hold time-out covers. */
    @org.junit.jupiter.api.Test
    void theDefaultBudgetCoversTheDefaultHoldOfAStackScaledToZero() {
        var hold = java.time.Duration.ofSeconds(gkeserving.program.config.ServingSettings.Autoscaling.DEFAULT_HOLD_TIMEOUT_SECONDS);
        org.assertj.core.api.Assertions.assertThat(SmokeSettings.defaults().deadline()).isGreaterThan(hold);
    }
}
