package gkeserving.program.serving;

/**
 * How clients reach one model behind the load balancer.
 *
 * @param rest        REST predict URL, e.g. {@code http://203.0.113.7:8501/v1/models/iris:predict}
 * @param grpc        gRPC target, {@code host:8500}
 * @param modelStatus the model's version states, {@code GET http://host:8501/v1/models/iris}
 */
public record Endpoints(String rest, String grpc, String modelStatus) {

    public static Endpoints of(String host, String modelName) {
        String restBase = "http://" + host + ":" + TfServingFlags.REST_PORT;
        return new Endpoints(
                restBase + modelPath(modelName) + ":predict",
                host + ":" + TfServingFlags.GRPC_PORT,
                restBase + modelPath(modelName));
    }

    /** TF Serving's model status path; also what the probes ask. */
    public static String modelPath(String modelName) {
        return "/v1/models/" + modelName;
    }
}
