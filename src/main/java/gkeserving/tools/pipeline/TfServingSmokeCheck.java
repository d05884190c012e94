package gkeserving.tools.pipeline;

import gkeserving.tools.pipeline.smoke.AddressLookup;
import gkeserving.tools.pipeline.smoke.SmokeResult;
import gkeserving.tools.pipeline.smoke.SmokeSettings;
import gkeserving.tools.pipeline.smoke.SmokeTest;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/** The pipeline's real smoke check: TF Serving's REST API probed by {@link SmokeTest}. */
public final class TfServingSmokeCheck implements SmokeCheck {
    private final SmokeTest smokeTest;

    public TfServingSmokeCheck(SmokeTest smokeTest) {
        this.smokeTest = smokeTest;
    }

    /** Default bounds: backoff from 2 s to 30 s, 20 minutes in all (a scale-from-zero GPU node takes minutes). */
    public static TfServingSmokeCheck withDefaults() {
        return new TfServingSmokeCheck(new SmokeTest(SmokeSettings.defaults(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()));
    }

    @Override
    public SmokeOutcome check(String baseUrl, String modelName, String sampleRequestJson) {
        SmokeResult result = smokeTest.run(
                AddressLookup.named("the load balancer address in the stack outputs", () -> Optional.of(baseUrl)),
                modelName, sampleRequestJson);
        return new SmokeOutcome(result.passed(), result.phase().label(), result.message());
    }
}
