package gkeserving.tools.pipeline.smoke;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));

    @Test
    void growsByTheFactorUntilTheCap() {
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(backoff::delayBefore))
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                        Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void staysAtTheCapForHugeRetryCountsInsteadOfOverflowing() {
        assertThat(backoff.delayBefore(10_000)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void factorOneIsAConstantInterval() {
        Backoff constant = new Backoff(Duration.ofMillis(250), 1.0, Duration.ofSeconds(5));

        assertThat(constant.delayBefore(1)).isEqualTo(constant.delayBefore(50)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void rejectsRetryNumbersBelowOne() {
        assertThatThrownBy(() -> backoff.delayBefore(0)).hasMessage("retry must be >= 1, was 0");
    }
}
