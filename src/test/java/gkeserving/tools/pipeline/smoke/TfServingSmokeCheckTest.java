package gkeserving.tools.pipeline.smoke;

import gkeserving.tools.pipeline.SmokeOutcome;
import gkeserving.tools.pipeline.TfServingSmokeCheck;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter the pipeline really uses, against the loopback TF Serving double. */
class TfServingSmokeCheckTest {
    private static final String SAMPLE = "{\"instances\": [[5.1, 3.5, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4]]}";

    private static TfServingSmokeCheck check() {
        var settings = new SmokeSettings(Duration.ofMillis(10), 2.0, Duration.ofMillis(50), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 2);
        return new TfServingSmokeCheck(new SmokeTest(settings, HttpClient.newHttpClient()));
    }

    @Test
    void passesWhenTheModelAnswers() throws Exception {
        try (var server = TfServingRestDouble.serving("iris")) {
            SmokeOutcome outcome = check().check(server.baseUrl(), "iris", SAMPLE);
            assertThat(outcome.passed()).as(outcome.message()).isTrue();
            assertThat(outcome.phase()).isEqualTo("done");
        }
    }

    @Test
    void reportsThePhaseThatFailed() throws Exception {
        try (var server = TfServingRestDouble.serving("iris")
                .predictReply(TfServingRestDouble.PredictReply.error(400, "Malformed request"))) {
            SmokeOutcome outcome = check().check(server.baseUrl(), "iris", SAMPLE);
            assertThat(outcome.passed()).isFalse();
            assertThat(outcome.phase()).isEqualTo("predict");
            assertThat(outcome.message()).contains("Malformed request");
        }
    }
}
