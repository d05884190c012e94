package gkeserving.tools.pipeline.smoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import gkeserving.program.serving.Endpoints;
import gkeserving.tools.pipeline.smoke.SmokeResult.Phase;
import gkeserving.tools.pipeline.smoke.SmokeResult.PhaseTiming;
import gkeserving.tools.pipeline.smoke.SmokeResult.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The result is written into the run report as it is: its JSON is part of the report's format. */
class SmokeResultTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void serialisesWithLowerCaseNamesAndMillisecondsForEveryDuration() throws Exception {
        SmokeResult result = new SmokeResult(Status.PASSED, Phase.DONE, "ok", Endpoints.of("34.1.2.3", "iris"), 3L,
                new LatencySummary(Duration.ofNanos(1_500_000), Duration.ofMillis(40)), 7,
                List.of(new PhaseTiming(Phase.STATUS, Duration.ofSeconds(95)),
                        new PhaseTiming(Phase.PREDICT, Duration.ofNanos(7_250_000))),
                Duration.ofNanos(95_007_250_000L));

        assertThat(JSON.readTree(JSON.writeValueAsString(result))).isEqualTo(JSON.readTree("""
                {"status": "passed", "phase": "done", "message": "ok",
                 "endpoints": {"rest": "http://34.1.2.3:8501/v1/models/iris:predict", "grpc": "34.1.2.3:8500",
                               "modelStatus": "http://34.1.2.3:8501/v1/models/iris"},
                 "servedVersion": 3, "latency": {"p50Ms": 1.5, "maxMs": 40.0}, "attempts": 7,
                 "phaseTimings": [{"phase": "status", "elapsedMs": 95000.0}, {"phase": "predict", "elapsedMs": 7.25}],
                 "elapsedMs": 95007.25}"""));
    }

    @Test
    void aSkippedOrEarlyFailedTestKeepsTheSameShapeWithNulls() throws Exception {
        var skipped = JSON.readTree(JSON.writeValueAsString(SmokeResult.skipped("--skip-smoke")));
        var early = JSON.readTree(JSON.writeValueAsString(SmokeResult.failedBefore(Phase.SAMPLE, "no sample")));

        assertThat(skipped.path("status").asText()).isEqualTo("skipped");
        assertThat(skipped.path("phase").isNull()).isTrue();
        assertThat(skipped.path("message").asText()).isEqualTo("--skip-smoke");
        assertThat(early.path("status").asText()).isEqualTo("failed");
        assertThat(early.path("phase").asText()).isEqualTo("sample");
        assertThat(early.path("latency").isNull()).isTrue();
        assertThat(early.path("endpoints").isNull()).isTrue();
        assertThat(skipped.properties()).hasSameSizeAs(early.properties()).hasSize(9);
        assertThat(SmokeResult.failedBefore(Phase.SAMPLE, "no sample").passed()).isFalse();
    }
}
