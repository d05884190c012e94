package gkeserving.tools.pipeline.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gkeserving.program.serving.Endpoints;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for TF Serving's REST API serving one model: scripted model status over successive
 * calls, and predict answers in TF Serving's JSON shapes (including its {@code {"error": "..."}} envelope).
 */
final class TfServingRestDouble implements AutoCloseable {

    /** TF Serving's REST routes, e.g. /v1/models/m, /v1/models/m/versions/1, /v1/models/m:predict. */
    private static final Pattern MODEL_PATH =
            Pattern.compile("/v1/models/([^/:]+)(?:/versions/(\\d+))?(?::(\\w+))?");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle plus the client's
        // delayed ACK adds ~40 ms to every answer, which would dominate the measured predict latency.
        // Read once when the server classes load, so it must be set before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What the status endpoint answers on one call. */
    record StatusReply(String state, String errorCode, String errorMessage, boolean versionsKnown) {

        /** Before TF Serving has found any version on disk it answers 404. */
        static StatusReply noVersionsYet() {
            return new StatusReply(null, null, null, false);
        }

        static StatusReply state(String state) {
            return new StatusReply(state, "OK", "", true);
        }

        static StatusReply available() {
            return state("AVAILABLE");
        }

        /** How TF Serving reports a version it could not load. */
        static StatusReply loadFailed(String errorCode, String errorMessage) {
            return new StatusReply("END", errorCode, errorMessage, true);
        }
    }

    /** What predict answers once the model is AVAILABLE. */
    record PredictReply(int httpStatus, String error, Integer fixedRows) {

        /** One row of 3 class probabilities per instance, as a classifier would answer. */
        static PredictReply echo() {
            return new PredictReply(200, null, null);
        }

        /** Exactly {@code rows} predictions whatever was asked: a broken model or proxy. */
        static PredictReply rows(int rows) {
            return new PredictReply(200, null, rows);
        }

        static PredictReply error(int httpStatus, String error) {
            return new PredictReply(httpStatus, error, null);
        }
    }

    private final HttpServer server;
    private final String model;
    private final long version;
    private final List<StatusReply> statusScript = new ArrayList<>(List.of(StatusReply.available()));
    private final List<String> predictBodies = Collections.synchronizedList(new ArrayList<>());
    private volatile PredictReply predictReply = PredictReply.echo();
    private int statusCalls;
    private volatile Duration firstAnswerHeld = Duration.ZERO;
    private final java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();

    private TfServingRestDouble(String model, long version) throws IOException {
        this.model = model;
        this.version = version;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code model} at version 1, AVAILABLE from the first call, predicting by echo. */
    static TfServingRestDouble serving(String model) throws IOException {
        return new TfServingRestDouble(model, 1);
    }

    static TfServingRestDouble serving(String model, long version) throws IOException {
        return new TfServingRestDouble(model, version);
    }

    /** Successive status calls answer these in order; the last one repeats. */
    synchronized TfServingRestDouble statusSequence(StatusReply... replies) {
        if (replies.length == 0) {
            throw new IllegalArgumentException("statusSequence needs at least one reply");
        }
        statusScript.clear();
        statusScript.addAll(List.of(replies));
        return this;
    }

    /**
     * The first request is answered only after {@code hold}, as KEDA's HTTP interceptor holds a request to a
     * model scaled to zero until a replica is ready; every later one at once.
     */
    TfServingRestDouble firstAnswerHeld(Duration hold) {
        this.firstAnswerHeld = hold;
        return this;
    }

    TfServingRestDouble predictReply(PredictReply reply) {
        this.predictReply = reply;
        return this;
    }

    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** The program's {@link Endpoints} for {@code model} served at {@code baseUrl} (the double's port, not 8501). */
    static Endpoints endpointsAt(String baseUrl, String model) {
        String status = baseUrl + Endpoints.modelPath(model);
        return new Endpoints(status + ":predict", null, status);
    }

    Endpoints endpoints(String model) {
        return endpointsAt(baseUrl(), model);
    }

    synchronized int statusCalls() {
        return statusCalls;
    }

    List<String> predictBodies() {
        return List.copyOf(predictBodies);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!answered.getAndSet(true) && !firstAnswerHeld.isZero()) {
            try {
                Thread.sleep(firstAnswerHeld.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Matcher route = MODEL_PATH.matcher(path);
            if (!route.matches()) {
                // TF Serving's answer to any /v1/ path it cannot route.
                reply(exchange, 400, error("Malformed request: " + method + " " + path));
                return;
            }
            String name = route.group(1);
            String verb = route.group(3);
            if (verb == null && method.equals("GET")) {
                reply(exchange, name.equals(model) ? status() : new Reply(404,
                        error("Could not find any versions of model " + name)));
            } else if ("predict".equals(verb) && method.equals("POST")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                reply(exchange, predict(name, body));
            } else {
                reply(exchange, 400, error("Malformed request: " + method + " " + path));
            }
        }
    }

    private record Reply(int status, JsonNode body) {
    }

    private synchronized Reply status() {
        StatusReply current = statusScript.get(Math.min(statusCalls, statusScript.size() - 1));
        statusCalls++;
        if (!current.versionsKnown()) {
            return new Reply(404, error("Could not find any versions of model " + model));
        }
        ObjectNode entry = MAPPER.createObjectNode()
                .put("version", Long.toString(version)) // proto3 JSON: int64 as a string
                .put("state", current.state());
        entry.putObject("status")
                .put("error_code", current.errorCode())
                .put("error_message", current.errorMessage());
        ObjectNode root = MAPPER.createObjectNode();
        root.putArray("model_version_status").add(entry);
        return new Reply(200, root);
    }

    /** The model serves only while the status last reported is AVAILABLE, as in TF Serving. */
    private synchronized boolean modelAvailable() {
        int lastServed = Math.max(0, Math.min(statusCalls - 1, statusScript.size() - 1));
        return "AVAILABLE".equals(statusScript.get(lastServed).state());
    }

    private Reply predict(String name, String body) {
        if (!name.equals(model) || !modelAvailable()) {
            return new Reply(404, error("Servable not found for request: Latest(" + name + ")"));
        }
        predictBodies.add(body);
        JsonNode request;
        try {
            request = MAPPER.readTree(body);
        } catch (IOException e) {
            return new Reply(400, error("JSON Parse error: Invalid value. at offset: 0"));
        }
        PredictReply behaviour = predictReply;
        if (behaviour.error() != null) {
            return new Reply(behaviour.httpStatus(), error(behaviour.error()));
        }
        boolean rows = request.has("instances");
        if (!rows && !request.has("inputs")) {
            return new Reply(400, error("Missing 'inputs' or 'instances' key"));
        }
        JsonNode asked = rows ? request.get("instances") : request.get("inputs");
        int count = behaviour.fixedRows() != null ? behaviour.fixedRows() : rowCount(asked);
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode predictions = answer.putArray(rows ? "predictions" : "outputs");
        for (int i = 0; i < count; i++) {
            predictions.addArray().add(0.7).add(0.2).add(0.1);
        }
        return new Reply(200, answer);
    }

    /** Rows in a list of instances, or in the first named input of a columnar request. */
    private static int rowCount(JsonNode asked) {
        JsonNode rows = asked.isObject() && asked.size() > 0 ? asked.elements().next() : asked;
        return rows.isArray() ? rows.size() : 1;
    }

    private static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }

    private static void reply(HttpExchange exchange, Reply reply) throws IOException {
        reply(exchange, reply.status(), reply.body());
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
