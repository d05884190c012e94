package gkeserving.tools.pipeline.smoke;

import gkeserving.tools.pipeline.smoke.SmokeResult.Phase;
import gkeserving.tools.pipeline.smoke.TfServingRestDouble.PredictReply;
import gkeserving.tools.pipeline.smoke.TfServingRestDouble.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The smoke test against a loopback TF Serving double. Waits are virtual ({@link FakeTime}): a 10 s deadline
 * costs no real time, while HTTP calls are real.
 */
class SmokeTestAgainstDoubleTest {

    private static final String MODEL = "half_plus_two";
    private static final String TWO_INSTANCES = "{\"instances\": [[1.0, 2.0, 5.0], [3.0, 4.0, 0.5]]}";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Real time HTTP calls may add on top of the virtual deadline; generous, loopback calls take ~ms. */
    private static final Duration REAL_TIME_SLACK = Duration.ofSeconds(2);
    private static final SmokeSettings SETTINGS = new SmokeSettings(
            Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), DEADLINE, Duration.ofSeconds(5), 5);

    private final FakeTime time = new FakeTime();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private TfServingRestDouble serving;

    @BeforeEach
    void startDouble() throws IOException {
        serving = TfServingRestDouble.serving(MODEL, 3);
    }

    @AfterEach
    void stopDouble() {
        serving.close();
    }

    private SmokeResult run(AddressLookup lookup, String sampleRequest) {
        return new SmokeTest(SETTINGS, client, time, time).run(lookup, MODEL, sampleRequest);
    }

    @Test
    void passesOnceTheAddressIsKnownAndTheModelHasLoaded() {
        serving.statusSequence(StatusReply.noVersionsYet(), StatusReply.state("LOADING"),
                StatusReply.state("LOADING"), StatusReply.available());
        ScriptedLookup lookup = ScriptedLookup.unknownTimesThen(2, serving.baseUrl() + "/");

        SmokeResult result = run(lookup, TWO_INSTANCES);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.phase()).isEqualTo(Phase.DONE);
        assertThat(result.baseUrl()).isEqualTo(serving.baseUrl());
        assertThat(result.availableVersion()).isEqualTo(3L);
        assertThat(result.attempts()).isEqualTo(3 + 4);
        assertThat(result.predictLatencyP50()).isPositive();
        assertThat(result.predictLatencyMax()).isGreaterThanOrEqualTo(result.predictLatencyP50());
        assertThat(result.message()).contains("'half_plus_two' version 3 is AVAILABLE", "5 predict calls");
        assertThat(serving.predictBodies()).hasSize(5).allMatch(TWO_INSTANCES::equals);
        // Backoff starts over for the status phase: 2 address waits, then 3 status waits.
        assertThat(time.sleeps()).containsExactly(millis(100), millis(200), millis(100), millis(200), millis(400));
    }

    @Test
    void waitsWithCappedBackoffForASlowLoadBalancerAddress() {
        ScriptedLookup lookup = ScriptedLookup.unknownTimesThen(5, serving.baseUrl());

        SmokeResult result = run(lookup, TWO_INSTANCES);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(lookup.calls()).isEqualTo(6);
        assertThat(result.attempts()).isEqualTo(6 + 1);
        assertThat(time.sleeps()).containsExactly(millis(100), millis(200), millis(400), millis(800), millis(1000));
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void treatsAFailingLookupAsNotYetKnown() {
        ScriptedLookup lookup = ScriptedLookup.failingTimesThen(2, "no ingress yet", Optional.of(serving.baseUrl()));

        SmokeResult result = run(lookup, TWO_INSTANCES);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(lookup.calls()).isEqualTo(3);
    }

    @Test
    void failsInAddressPhaseNamingWhatItWaitedFor() {
        AddressLookup lookup = AddressLookup.named("external IP of Service serving/tf-serving",
                ScriptedLookup.neverKnown());

        SmokeResult result = run(lookup, TWO_INSTANCES);

        assertThat(result.passed()).isFalse();
        assertThat(result.phase()).isEqualTo(Phase.ADDRESS);
        assertThat(result.message())
                .startsWith("external IP of Service serving/tf-serving was not known within the 10s deadline (")
                .doesNotContain("last lookup error");
        assertThat(result.baseUrl()).isNull();
        assertThat(result.elapsed()).isBetween(DEADLINE, DEADLINE.plus(REAL_TIME_SLACK));
        assertThat(serving.statusCalls()).isZero();
    }

    @Test
    void reportsTheLastLookupErrorWhenTheAddressNeverComes() {
        ScriptedLookup lookup = ScriptedLookup.failingTimesThen(3, "services \"tf-serving\" not found",
                Optional.empty());

        SmokeResult result = run(lookup, TWO_INSTANCES);

        assertThat(result.phase()).isEqualTo(Phase.ADDRESS);
        assertThat(result.message()).endsWith("; last lookup error: services \"tf-serving\" not found");
    }

    @Test
    void failsAtOnceWhenTheLookupAnswersSomethingThatIsNotAUrl() {
        ScriptedLookup lookup = ScriptedLookup.unknownTimesThen(0, "34.1.2.3");

        SmokeResult result = run(lookup, TWO_INSTANCES);

        assertThat(result.phase()).isEqualTo(Phase.ADDRESS);
        assertThat(result.message()).contains("returned '34.1.2.3'", "http://HOST:8501");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void failsInStatusPhaseNamingTheModelAndLastStateWhenItNeverBecomesAvailable() {
        serving.statusSequence(StatusReply.state("LOADING"));

        SmokeResult result = run(ScriptedLookup.unknownTimesThen(0, serving.baseUrl()), TWO_INSTANCES);

        assertThat(result.passed()).isFalse();
        assertThat(result.phase()).isEqualTo(Phase.STATUS);
        assertThat(result.message())
                .startsWith("model 'half_plus_two' was not AVAILABLE at " + serving.baseUrl()
                        + " within the 10s deadline (")
                .endsWith("; last seen: version 3 is LOADING");
        assertThat(result.elapsed()).isBetween(DEADLINE, DEADLINE.plus(REAL_TIME_SLACK));
        assertThat(time.slept()).isLessThanOrEqualTo(DEADLINE);
        assertThat(result.availableVersion()).isNull();
        assertThat(serving.predictBodies()).isEmpty();
    }

    @Test
    void failsAtOnceWhenTheModelFailsToLoad() {
        serving.statusSequence(StatusReply.state("LOADING"), StatusReply.loadFailed("NOT_FOUND",
                "Could not find SavedModel .pb or .pbtxt at supplied export directory path: /models/half_plus_two/3"));

        SmokeResult result = run(ScriptedLookup.unknownTimesThen(0, serving.baseUrl()), TWO_INSTANCES);

        assertThat(result.phase()).isEqualTo(Phase.STATUS);
        assertThat(result.message()).isEqualTo("model 'half_plus_two' version 3 failed to load: NOT_FOUND: "
                + "Could not find SavedModel .pb or .pbtxt at supplied export directory path: /models/half_plus_two/3");
        assertThat(serving.statusCalls()).isEqualTo(2);
        assertThat(time.sleeps()).containsExactly(millis(100));
        assertThat(serving.predictBodies()).isEmpty();
    }

    @Test
    void keepsRetryingWhileNothingListensAndSaysSo() throws IOException {
        SmokeResult result = run(ScriptedLookup.unknownTimesThen(0, closedPortUrl()), TWO_INSTANCES);

        assertThat(result.phase()).isEqualTo(Phase.STATUS);
        assertThat(result.message()).endsWith("got no answer: connection refused");
        assertThat(result.attempts()).isGreaterThan(5);
    }

    @Test
    void keepsRetryingWhileTfServingDoesNotKnowTheModelAndQuotesItsError() throws IOException {
        try (TfServingRestDouble other = TfServingRestDouble.serving("some_other_model")) {
            SmokeResult result = run(ScriptedLookup.unknownTimesThen(0, other.baseUrl()), TWO_INSTANCES);

            assertThat(result.phase()).isEqualTo(Phase.STATUS);
            assertThat(result.message())
                    .endsWith("last seen: HTTP 404 Could not find any versions of model half_plus_two");
        }
    }

    @Test
    void failsInPredictPhaseWithTfServingsErrorText() {
        String error = "Failed to process element: 0 of 'instances' list. Error: Invalid argument: "
                + "JSON Value: \"a\" Type: String is not of expected type: float";
        serving.predictReply(PredictReply.error(400, error));

        SmokeResult result = run(ScriptedLookup.unknownTimesThen(0, serving.baseUrl()), TWO_INSTANCES);

        assertThat(result.passed()).isFalse();
        assertThat(result.phase()).isEqualTo(Phase.PREDICT);
        assertThat(result.message()).endsWith("(call 1 of 5) failed: HTTP 400: " + error);
        assertThat(result.availableVersion()).isEqualTo(3L);
        assertThat(result.predictLatencyP50()).isNull();
    }

    @Test
    void failsWhenThereAreFewerPredictionsThanInstances() {
        serving.predictReply(PredictReply.rows(1));

        SmokeResult result = run(ScriptedLookup.unknownTimesThen(0, serving.baseUrl()), TWO_INSTANCES);

        assertThat(result.phase()).isEqualTo(Phase.PREDICT);
        assertThat(result.message()).endsWith("answer has 1 predictions for 2 instances");
    }

    @Test
    void acceptsAColumnarRequestAnsweredWithOutputs() {
        SmokeResult result = run(ScriptedLookup.unknownTimesThen(0, serving.baseUrl()),
                "{\"inputs\": {\"x\": [[1.0, 2.0, 5.0]]}}");

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.message()).contains("columnar inputs");
    }

    @Test
    void rejectsAnUnusableSampleRequestBeforeWaitingForAnything() {
        ScriptedLookup lookup = ScriptedLookup.unknownTimesThen(0, serving.baseUrl());

        assertThatThrownBy(() -> run(lookup, "{\"instance\": [[1.0]]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found keys [instance]");
        assertThat(lookup.calls()).isZero();
    }

    @Test
    void stopsAndKeepsTheInterruptWhenInterruptedWhileWaiting() {
        Sleeper interrupted = duration -> {
            throw new InterruptedException();
        };
        SmokeTest smokeTest = new SmokeTest(SETTINGS, client, time, interrupted);

        SmokeResult result = smokeTest.run(ScriptedLookup.neverKnown(), MODEL, TWO_INSTANCES);

        assertThat(Thread.interrupted()).isTrue(); // also clears the flag for the next test
        assertThat(result.phase()).isEqualTo(Phase.ADDRESS);
        assertThat(result.message()).isEqualTo("interrupted during the address phase");
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }

    /** A loopback URL where nothing listens: the port was bound a moment ago and released. */
    private static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
