package gkeserving.tools.pipeline.smoke;

import gkeserving.program.serving.Endpoints;
import gkeserving.tools.pipeline.smoke.SmokeResult.Phase;
import gkeserving.tools.pipeline.smoke.SmokeResult.PhaseTiming;
import gkeserving.tools.pipeline.smoke.SmokeResult.Status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Post-deploy smoke test of a TF Serving endpoint: wait for the model to be AVAILABLE, then check a few
 * predict calls and measure their latency. The URLs are the program's own {@link Endpoints}, read back from
 * the stack outputs once {@code up} has waited for the load balancer's address.
 *
 * <p>Bounds: no poll starts after {@link SmokeSettings#deadline()} since the run began, and every request is
 * bounded by {@link SmokeSettings#requestTimeout()}. The predict calls run once the model is AVAILABLE even if
 * that was at the last moment, so the worst case is deadline + (1 + predictCalls) x requestTimeout.
 */
public final class SmokeTest {

    /**
     * Answers that mean "not ready yet" rather than "wrong": 404 until TF Serving has found a version, 503 and
     * the gateway errors while a load balancer or proxy has no ready backend.
     */
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(404, 502, 503, 504);

    private final SmokeSettings settings;
    private final HttpClient client;
    private final SmokeClock clock;

    public SmokeTest(SmokeSettings settings, HttpClient client) {
        this(settings, client, SmokeClock.system());
    }

    public SmokeTest(SmokeSettings settings, HttpClient client, SmokeClock clock) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
    }

    /** Default bounds: backoff from 2 s to 30 s, 20 minutes in all (a scale-from-zero GPU node takes minutes). */
    public static SmokeTest withDefaults() {
        return new SmokeTest(SmokeSettings.defaults(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    /**
     * @param endpoints         the model's status and predict URLs, as the program exports them
     * @param modelName         the model's name, for messages
     * @param sampleRequestJson a TF Serving predict body ({@code {"instances": [...]}} or {@code {"inputs": ...}});
     *                          an unusable one fails the test in the sample phase before any request
     */
    public SmokeResult run(Endpoints endpoints, String modelName, String sampleRequestJson) {
        SampleRequest sample;
        try {
            sample = SampleRequest.parse(sampleRequestJson);
        } catch (IllegalArgumentException e) {
            return SmokeResult.failedBefore(Phase.SAMPLE, e.getMessage());
        }
        return new Run(endpoints, modelName, sample).execute();
    }

    /** A definite end of the run in the current phase, with the message for the report. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** The state of one run: what is known so far, for the result whichever way it ends. */
    private final class Run {
        private final Endpoints endpoints;
        private final String model;
        private final SampleRequest sample;
        private final long startNanos = clock.nanoTime();
        private final List<PhaseTiming> timings = new ArrayList<>();

        private Phase phase = Phase.STATUS;
        private long phaseStartNanos = startNanos;
        private Long servedVersion;
        private int attempts;

        Run(Endpoints endpoints, String model, SampleRequest sample) {
            this.endpoints = endpoints;
            this.model = model;
            this.sample = sample;
        }

        SmokeResult execute() {
            try {
                servedVersion = waitUntilAvailable();
                enter(Phase.PREDICT);
                LatencySummary latency = measurePredicts();
                enter(Phase.DONE);
                return result(Status.PASSED, passMessage(latency), latency);
            } catch (Failure failure) {
                return result(Status.FAILED, failure.getMessage(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result(Status.FAILED, "interrupted during the " + phase.label() + " phase", null);
            }
        }

        /** Ends the current phase's timing and starts {@code next}. */
        private void enter(Phase next) {
            long now = clock.nanoTime();
            timings.add(new PhaseTiming(phase, Duration.ofNanos(now - phaseStartNanos)));
            phase = next;
            phaseStartNanos = now;
        }

        /** Polls the model's status, backing off, until a version is AVAILABLE; returns that version. */
        private long waitUntilAvailable() throws Failure, InterruptedException {
            Backoff backoff = settings.backoff();
            for (int tries = 1; ; tries++) {
                attempts++;
                Poll<Long> outcome = statusOnce();
                if (outcome instanceof Poll.Ready<Long> ready) {
                    return ready.value();
                }
                if (outcome instanceof Poll.Failed<Long> failed) {
                    throw new Failure(failed.reason());
                }
                String lastSeen = ((Poll.Pending<Long>) outcome).lastSeen();
                Duration remaining = settings.deadline().minus(elapsed());
                if (remaining.isNegative() || remaining.isZero()) {
                    throw new Failure(statusTimeout(tries, lastSeen));
                }
                // Never sleep past the deadline: the last poll happens right at it.
                Duration delay = backoff.delayBefore(tries);
                clock.sleep(delay.compareTo(remaining) < 0 ? delay : remaining);
            }
        }

        private Poll<Long> statusOnce() throws InterruptedException {
            URI uri = URI.create(endpoints.modelStatus());
            Exchange exchange = send(HttpRequest.newBuilder(uri).GET());
            if (!exchange.answered()) {
                return Poll.pending("GET " + uri + " got no answer: " + exchange.failure());
            }
            if (exchange.status() != 200) {
                String answer = "HTTP " + exchange.status() + " " + Json.tfServingError(exchange.body())
                        .orElseGet(() -> Json.snippet(exchange.body()));
                return RETRYABLE_STATUS.contains(exchange.status())
                        ? Poll.pending(answer)
                        : Poll.failed("GET " + uri + " answered " + answer);
            }
            ModelStatus status;
            try {
                status = ModelStatus.parse(exchange.body());
            } catch (IllegalArgumentException e) {
                return Poll.failed("GET " + uri + " answered " + e.getMessage());
            }
            // A failed load wins over an older AVAILABLE version: the version just deployed is broken.
            Optional<ModelVersionStatus> failedLoad = status.newestLoadFailure();
            if (failedLoad.isPresent()) {
                ModelVersionStatus failed = failedLoad.get();
                return Poll.failed("model '" + model + "' version " + failed.version() + " failed to load: "
                        + failed.errorCode() + ": " + failed.errorMessage());
            }
            return status.newestAvailable()
                    .map(available -> Poll.ready(available.version()))
                    .orElseGet(() -> Poll.pending(status.describe()));
        }

        private String statusTimeout(int tries, String lastSeen) {
            return "model '" + model + "' was not AVAILABLE at " + endpoints.modelStatus() + " "
                    + "within the " + Durations.human(settings.deadline()) + " deadline (" + tries + " status checks)"
                    + "; last seen: " + lastSeen;
        }

        private LatencySummary measurePredicts() throws Failure, InterruptedException {
            URI uri = URI.create(endpoints.rest());
            int calls = settings.predictCalls();
            List<Duration> latencies = new ArrayList<>();
            for (int call = 1; call <= calls; call++) {
                Exchange exchange = send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(sample.body())));
                String which = "POST " + uri + " (call " + call + " of " + calls + ")";
                if (!exchange.answered()) {
                    throw new Failure(which + " got no answer: " + exchange.failure());
                }
                Optional<String> problem = PredictCheck.problem(sample, exchange.status(), exchange.body());
                if (problem.isPresent()) {
                    throw new Failure(which + " failed: " + problem.get());
                }
                latencies.add(exchange.latency());
            }
            return LatencySummary.of(latencies);
        }

        private Exchange send(HttpRequest.Builder request) throws InterruptedException {
            long sentNanos = clock.nanoTime();
            try {
                HttpResponse<String> response = client.send(request.timeout(settings.requestTimeout()).build(),
                        HttpResponse.BodyHandlers.ofString());
                Duration latency = Duration.ofNanos(clock.nanoTime() - sentNanos);
                return Exchange.answered(response.statusCode(), response.body(), latency);
            } catch (IOException e) {
                return Exchange.unanswered(Exchange.describe(e, settings.requestTimeout()));
            }
        }

        private String passMessage(LatencySummary latency) {
            String rows = sample.instanceCount().isPresent()
                    ? sample.instanceCount().getAsInt() + " instances each"
                    : "columnar inputs";
            return "model '" + model + "' version " + servedVersion + " is AVAILABLE at " + endpoints.modelStatus()
                    + " and answered " + settings.predictCalls() + " predict calls (" + rows + "): p50 "
                    + Durations.human(latency.p50()) + ", max " + Durations.human(latency.max());
        }

        private Duration elapsed() {
            return Duration.ofNanos(clock.nanoTime() - startNanos);
        }

        private SmokeResult result(Status status, String message, LatencySummary latency) {
            if (phase != Phase.DONE) {
                enter(phase); // the phase the run ended in took until now too
            }
            return new SmokeResult(status, phase, message, endpoints, servedVersion, latency, attempts, timings,
                    elapsed());
        }
    }
}
