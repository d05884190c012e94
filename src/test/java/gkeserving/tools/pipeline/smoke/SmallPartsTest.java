package gkeserving.tools.pipeline.smoke;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Latency summary, duration wording, endpoint URLs. */
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

    @Test
    void baseUrlsAreHttpWithAHostAndNothingAfterThePort() {
        assertThat(ServingEndpoint.normalizeBaseUrl(" http://34.1.2.3:8501/ ")).contains("http://34.1.2.3:8501");
        assertThat(ServingEndpoint.normalizeBaseUrl("https://serving.example.com")).contains("https://serving.example.com");
        assertThat(ServingEndpoint.normalizeBaseUrl("34.1.2.3:8501")).isEmpty();
        assertThat(ServingEndpoint.normalizeBaseUrl("http://34.1.2.3:8501/v1/models/m")).isEmpty();
        assertThat(ServingEndpoint.normalizeBaseUrl("grpc://34.1.2.3:8500")).isEmpty();
    }

    @Test
    void buildsTfServingsRestPaths() {
        ServingEndpoint endpoint = new ServingEndpoint("http://34.1.2.3:8501", "resnet");

        assertThat(endpoint.statusUri()).hasToString("http://34.1.2.3:8501/v1/models/resnet");
        assertThat(endpoint.predictUri()).hasToString("http://34.1.2.3:8501/v1/models/resnet:predict");
    }

    @Test
    void rejectsModelNamesThatCannotAppearInThePath() {
        assertThatThrownBy(() -> ServingEndpoint.requireValidModelName("my model:v2"))
                .hasMessage("model name 'my model:v2' must be non-empty and use only letters, digits, '.', '_' and '-'"
                        + " (it is the <name> in /v1/models/<name>)");
        assertThatThrownBy(() -> ServingEndpoint.requireValidModelName(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
