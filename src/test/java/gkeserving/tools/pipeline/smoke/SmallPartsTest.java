package gkeserving.tools.pipeline.smoke;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Latency summary and duration wording. */
class SmallPartsTest {

    @Test
    void medianIsTheNearestRankAndMaxTheLargest() {
        LatencySummary five = LatencySummary.of(List.of(ms(9), ms(1), ms(40), ms(3), ms(2)));
        LatencySummary four = LatencySummary.of(List.of(ms(4), ms(1), ms(3), ms(2)));

        assertThat(five).isEqualTo(new LatencySummary(ms(3), ms(40)));
        assertThat(four.p50()).isEqualTo(ms(2));
        assertThat(LatencySummary.of(List.of(ms(7)))).isEqualTo(new LatencySummary(ms(7), ms(7)));
    }

    @Test
    void durationsReadLikeAPersonWouldWriteThem() {
        assertThat(Durations.human(Duration.ofNanos(420_000))).isEqualTo("0.4ms");
        assertThat(Durations.human(ms(150))).isEqualTo("150ms");
        assertThat(Durations.human(ms(1500))).isEqualTo("1.5s");
        assertThat(Durations.human(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.human(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(Durations.human(Duration.ofMinutes(20))).isEqualTo("20m");
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
