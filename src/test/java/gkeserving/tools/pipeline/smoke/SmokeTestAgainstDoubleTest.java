package gkeserving.tools.pipeline.smoke;

import gkeserving.program.serving.Endpoints;
import gkeserving.tools.pipeline.smoke.SmokeResult.Phase;
import gkeserving.tools.pipeline.smoke.SmokeResult.PhaseTiming;
import gkeserving.tools.pipeline.smoke.SmokeResult.Status;
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

import static org.assertj.core.api.Assertions.assertThat;

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

    private SmokeResult run(Endpoints endpoints, String sampleRequest) {
        return new SmokeTest(SETTINGS, client, time).run(endpoints, MODEL, sampleRequest);
    }

    private SmokeResult run(String sampleRequest) {
        return run(serving.endpoints(MODEL), sampleRequest);
    }

    @Test
    void passesOnceTheModelHasLoadedReportingVersionLatencyAndPhaseTimings() {
        serving.statusSequence(StatusReply.noVersionsYet(), StatusReply.state("LOADING"),
                StatusReply.state("LOADING"), StatusReply.available());

        SmokeResult result = run(TWO_INSTANCES);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.status()).isEqualTo(Status.PASSED);
        assertThat(result.phase()).isEqualTo(Phase.DONE);
        assertThat(result.endpoints()).isEqualTo(serving.endpoints(MODEL));
        assertThat(result.servedVersion()).isEqualTo(3L);
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.latency().p50()).isPositive();
        assertThat(result.latency().max()).isGreaterThanOrEqualTo(result.latency().p50());
        assertThat(result.message()).contains("'half_plus_two' version 3 is AVAILABLE", "5 predict calls");
        assertThat(serving.predictBodies()).hasSize(5).allMatch(TWO_INSTANCES::equals);
        assertThat(time.sleeps()).containsExactly(millis(100), millis(200), millis(400));
        assertThat(result.phaseTimings()).extracting(PhaseTiming::phase).containsExactly(Phase.STATUS, Phase.PREDICT);
        // The status phase waited the virtual 700 ms; the predict phase took only real loopback time.
        assertThat(result.phaseTimings().get(0).elapsed()).isBetween(millis(700), millis(700).plus(REAL_TIME_SLACK));
        assertThat(result.phaseTimings().get(1).elapsed()).isLessThan(REAL_TIME_SLACK);
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(millis(700));
    }

    /** A stack scaled to zero: the interceptor holds the first request until a replica is ready. */
    @Test
    void aHeldFirstRequestCountsAsWaitingForAReplicaNotAsPredictLatency() {
        Duration hold = millis(600);
        serving.firstAnswerHeld(hold);

        SmokeResult result = run(TWO_INSTANCES);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.phaseTimings()).extracting(PhaseTiming::phase).containsExactly(Phase.STATUS, Phase.PREDICT);
        assertThat(result.phaseTimings().get(0).elapsed()).isGreaterThanOrEqualTo(hold);
        assertThat(result.latency().max()).isLessThan(hold);
        assertThat(result.phaseTimings().get(1).elapsed()).isLessThan(hold);
    }

    @Test
    void waitsWithCappedBackoffWhileTfServingHasNoVersionYet() {
        serving.statusSequence(StatusReply.noVersionsYet(), StatusReply.noVersionsYet(), StatusReply.noVersionsYet(),
                StatusReply.noVersionsYet(), StatusReply.noVersionsYet(), StatusReply.available());

        SmokeResult result = run(TWO_INSTANCES);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(serving.statusCalls()).isEqualTo(6);
        assertThat(result.attempts()).isEqualTo(6);
        assertThat(time.sleeps()).containsExactly(millis(100), millis(200), millis(400), millis(800), millis(1000));
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void runsOnTheSystemClockToo() {
        var quick = new SmokeSettings(Duration.ofMillis(10), 2.0, Duration.ofMillis(50), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 2);

        SmokeResult result = new SmokeTest(quick, client).run(serving.endpoints(MODEL), MODEL, TWO_INSTANCES);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.elapsed()).isPositive();
    }

    @Test
    void failsInStatusPhaseNamingTheModelAndLastStateWhenItNeverBecomesAvailable() {
        serving.statusSequence(StatusReply.state("LOADING"));

        SmokeResult result = run(TWO_INSTANCES);

        assertThat(result.passed()).isFalse();
        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.phase()).isEqualTo(Phase.STATUS);
        assertThat(result.message())
                .startsWith("model 'half_plus_two' was not AVAILABLE at " + serving.endpoints(MODEL).modelStatus()
                        + " within the 10s deadline (")
                .endsWith("; last seen: version 3 is LOADING");
        assertThat(result.elapsed()).isBetween(DEADLINE, DEADLINE.plus(REAL_TIME_SLACK));
        assertThat(time.slept()).isLessThanOrEqualTo(DEADLINE);
        assertThat(result.servedVersion()).isNull();
        assertThat(result.phaseTimings()).singleElement()
                .satisfies(timing -> assertThat(timing.phase()).isEqualTo(Phase.STATUS));
        assertThat(serving.predictBodies()).isEmpty();
    }

    @Test
    void failsAtOnceWhenTheModelFailsToLoad() {
        serving.statusSequence(StatusReply.state("LOADING"), StatusReply.loadFailed("NOT_FOUND",
                "Could not find SavedModel .pb or .pbtxt at supplied export directory path: /models/half_plus_two/3"));

        SmokeResult result = run(TWO_INSTANCES);

        assertThat(result.phase()).isEqualTo(Phase.STATUS);
        assertThat(result.message()).isEqualTo("model 'half_plus_two' version 3 failed to load: NOT_FOUND: "
                + "Could not find SavedModel .pb or .pbtxt at supplied export directory path: /models/half_plus_two/3");
        assertThat(serving.statusCalls()).isEqualTo(2);
        assertThat(time.sleeps()).containsExactly(millis(100));
        assertThat(serving.predictBodies()).isEmpty();
    }

    @Test
    void keepsRetryingWhileNothingListensAndSaysSo() throws IOException {
        SmokeResult result = run(TfServingRestDouble.endpointsAt(closedPortUrl(), MODEL), TWO_INSTANCES);

        assertThat(result.phase()).isEqualTo(Phase.STATUS);
        assertThat(result.message()).endsWith("got no answer: connection refused");
        assertThat(result.attempts()).isGreaterThan(5);
    }

    @Test
    void keepsRetryingWhileTfServingDoesNotKnowTheModelAndQuotesItsError() throws IOException {
        try (TfServingRestDouble other = TfServingRestDouble.serving("some_other_model")) {
            SmokeResult result = run(other.endpoints(MODEL), TWO_INSTANCES);

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

        SmokeResult result = run(TWO_INSTANCES);

        assertThat(result.passed()).isFalse();
        assertThat(result.phase()).isEqualTo(Phase.PREDICT);
        assertThat(result.message()).endsWith("(call 1 of 5) failed: HTTP 400: " + error);
        assertThat(result.servedVersion()).isEqualTo(3L);
        assertThat(result.latency()).isNull();
        assertThat(result.phaseTimings()).extracting(PhaseTiming::phase).containsExactly(Phase.STATUS, Phase.PREDICT);
    }

    @Test
    void failsWhenThereAreFewerPredictionsThanInstances() {
        serving.predictReply(PredictReply.rows(1));

        SmokeResult result = run(TWO_INSTANCES);

        assertThat(result.phase()).isEqualTo(Phase.PREDICT);
        assertThat(result.message()).endsWith("answer has 1 predictions for 2 instances");
    }

    @Test
    void acceptsAColumnarRequestAnsweredWithOutputs() {
        SmokeResult result = run("{\"inputs\": {\"x\": [[1.0, 2.0, 5.0]]}}");

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.message()).contains("columnar inputs");
    }

    @Test
    void failsInSamplePhaseOnAnUnusableSampleRequestBeforeAnyRequest() {
        SmokeResult result = run("{\"instance\": [[1.0]]}");

        assertThat(result.phase()).isEqualTo(Phase.SAMPLE);
        assertThat(result.message()).contains("found keys [instance]");
        assertThat(serving.statusCalls()).isZero();
    }

    @Test
    void stopsAndKeepsTheInterruptWhenInterruptedWhileWaiting() {
        serving.statusSequence(StatusReply.state("LOADING"));
        time.interruptSleeps();

        SmokeResult result = run(TWO_INSTANCES);

        assertThat(Thread.interrupted()).isTrue(); // also clears the flag for the next test
        assertThat(result.phase()).isEqualTo(Phase.STATUS);
        assertThat(result.message()).isEqualTo("interrupted during the status phase");
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
