package gkeserving.tools.pipeline.smoke;

import gkeserving.tools.pipeline.smoke.SmokeResult.Phase;

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
import java.util.function.BiFunction;

/**
 * Post-deploy smoke test of a TF Serving endpoint: wait for the LoadBalancer address, wait for the model to
 * be AVAILABLE, then check a few predict calls and measure their latency.
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
    private final Ticker ticker;
    private final Sleeper sleeper;

    public SmokeTest(SmokeSettings settings, HttpClient client) {
        this(settings, client, Ticker.system(), Sleeper.system());
    }

    public SmokeTest(SmokeSettings settings, HttpClient client, Ticker ticker, Sleeper sleeper) {
        this.settings = settings;
        this.client = client;
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    /**
     * @param sampleRequestJson a TF Serving predict body ({@code {"instances": [...]}} or {@code {"inputs": ...}})
     * @throws IllegalArgumentException before any waiting, when the model name or sample request is unusable
     */
    public SmokeResult run(AddressLookup lookup, String modelName, String sampleRequestJson) {
        ServingEndpoint.requireValidModelName(modelName);
        SampleRequest sample = SampleRequest.parse(sampleRequestJson);
        return new Run(lookup, modelName, sample).execute();
    }

    /** A definite end of the run in the current phase, with the message for the report. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** The state of one run: what is known so far, for the result whichever way it ends. */
    private final class Run {
        private final AddressLookup lookup;
        private final String model;
        private final SampleRequest sample;
        private final long startNanos = ticker.nanoTime();

        private Phase phase = Phase.ADDRESS;
        private ServingEndpoint endpoint;
        private Long availableVersion;
        private int attempts;
        private String lastLookupError;

        Run(AddressLookup lookup, String model, SampleRequest sample) {
            this.lookup = lookup;
            this.model = model;
            this.sample = sample;
        }

        SmokeResult execute() {
            try {
                endpoint = new ServingEndpoint(pollUntilReady(this::lookupOnce, this::addressTimeout), model);
                phase = Phase.STATUS;
                availableVersion = pollUntilReady(this::statusOnce, this::statusTimeout);
                phase = Phase.PREDICT;
                LatencySummary latency = measurePredicts();
                phase = Phase.DONE;
                return result(true, passMessage(latency), latency);
            } catch (Failure failure) {
                return result(false, failure.getMessage(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result(false, "interrupted during the " + phase.label() + " phase", null);
            }
        }

        private <T> T pollUntilReady(Poll.Attempt<T> attempt, BiFunction<Integer, String, String> timeoutMessage)
                throws Failure, InterruptedException {
            Backoff backoff = settings.backoff();
            for (int tries = 1; ; tries++) {
                attempts++;
                Poll<T> outcome = attempt.run();
                if (outcome instanceof Poll.Ready<T> ready) {
                    return ready.value();
                }
                if (outcome instanceof Poll.Failed<T> failed) {
                    throw new Failure(failed.reason());
                }
                String lastSeen = ((Poll.Pending<T>) outcome).lastSeen();
                Duration remaining = settings.deadline().minus(elapsed());
                if (remaining.isNegative() || remaining.isZero()) {
                    throw new Failure(timeoutMessage.apply(tries, lastSeen));
                }
                // Never sleep past the deadline: the last poll happens right at it.
                Duration delay = backoff.delayBefore(tries);
                sleeper.sleep(delay.compareTo(remaining) < 0 ? delay : remaining);
            }
        }

        private Poll<String> lookupOnce() throws InterruptedException {
            Optional<String> found;
            try {
                found = lookup.lookup();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                lastLookupError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return Poll.pending("lookup failed");
            }
            if (found == null || found.isEmpty() || found.get().isBlank()) {
                return Poll.pending("not known yet");
            }
            return ServingEndpoint.normalizeBaseUrl(found.get())
                    .map(Poll::ready)
                    .orElseGet(() -> Poll.failed(lookup.description() + " lookup returned '" + found.get()
                            + "', which is not a base URL like http://HOST:8501"));
        }

        private String addressTimeout(int tries, String lastSeen) {
            String message = lookup.description() + " was not known " + byDeadline(tries, "lookups");
            return lastLookupError == null ? message : message + "; last lookup error: " + lastLookupError;
        }

        private Poll<Long> statusOnce() throws InterruptedException {
            URI uri = endpoint.statusUri();
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
            return "model '" + model + "' was not AVAILABLE at " + endpoint.baseUrl() + " "
                    + byDeadline(tries, "status checks") + "; last seen: " + lastSeen;
        }

        private String byDeadline(int tries, String what) {
            return "within the " + Durations.human(settings.deadline()) + " deadline (" + tries + " " + what + ")";
        }

        private LatencySummary measurePredicts() throws Failure, InterruptedException {
            URI uri = endpoint.predictUri();
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
            long sentNanos = ticker.nanoTime();
            try {
                HttpResponse<String> response = client.send(request.timeout(settings.requestTimeout()).build(),
                        HttpResponse.BodyHandlers.ofString());
                Duration latency = Duration.ofNanos(ticker.nanoTime() - sentNanos);
                return Exchange.answered(response.statusCode(), response.body(), latency);
            } catch (IOException e) {
                return Exchange.unanswered(Exchange.describe(e, settings.requestTimeout()));
            }
        }

        private String passMessage(LatencySummary latency) {
            String rows = sample.instanceCount().isPresent()
                    ? sample.instanceCount().getAsInt() + " instances each"
                    : "columnar inputs";
            return "model '" + model + "' version " + availableVersion + " is AVAILABLE at " + endpoint.baseUrl()
                    + " and answered " + settings.predictCalls() + " predict calls (" + rows + "): p50 "
                    + Durations.human(latency.p50()) + ", max " + Durations.human(latency.max());
        }

        private Duration elapsed() {
            return Duration.ofNanos(ticker.nanoTime() - startNanos);
        }

        private SmokeResult result(boolean passed, String message, LatencySummary latency) {
            return new SmokeResult(passed, phase, message, endpoint == null ? null : endpoint.baseUrl(),
                    availableVersion, latency == null ? null : latency.p50(), latency == null ? null : latency.max(),
                    attempts, elapsed());
        }
    }
}
