package gkeserving.tools.pipeline.smoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import gkeserving.tools.pipeline.smoke.SmokeResult.Phase;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeResultTest {

    @Test
    void serialisesToAFlatJsonReportWithMilliseconds() throws Exception {
        SmokeResult result = new SmokeResult(true, Phase.DONE, "ok", "http://34.1.2.3:8501", 3L,
                Duration.ofNanos(1_500_000), Duration.ofMillis(40), 7, Duration.ofSeconds(95));

        String json = new ObjectMapper().writeValueAsString(result.toMap());

        assertThat(json).isEqualTo("{\"passed\":true,\"phase\":\"done\",\"message\":\"ok\","
                + "\"baseUrl\":\"http://34.1.2.3:8501\",\"availableVersion\":3,\"predictLatencyP50Ms\":1.5,"
                + "\"predictLatencyMaxMs\":40.0,\"attempts\":7,\"elapsedMs\":95000.0}");
    }

    @Test
    void keepsUnknownValuesAsNullsSoTheReportShapeIsFixed() {
        SmokeResult result = new SmokeResult(false, Phase.ADDRESS, "no address", null, null, null, null, 3,
                Duration.ofSeconds(10));

        assertThat(result.toMap())
                .containsEntry("phase", "address")
                .containsEntry("baseUrl", null)
                .containsEntry("predictLatencyP50Ms", null)
                .hasSize(9);
    }
}
