package gkeserving.program;

/**
 * The stack outputs: the typed contract between the program, which exports each one exactly once, and the
 * tools that read them back (promote, the smoke test, {@code outputs}). Renaming one here renames it everywhere.
 */
public enum StackExport {
    CLUSTER_NAME("clusterName"),
    CLUSTER_LOCATION("clusterLocation"),
    CLUSTER_ENDPOINT("clusterEndpoint"),
    /** Secret: it names the endpoint and CA of the cluster. */
    KUBECONFIG("kubeconfig"),
    /** The serving image by digest: what promote moves between stacks. */
    IMAGE_REF("imageRef"),
    MODEL_NAME("modelName"),
    NAMESPACE("namespace"),
    REST_ENDPOINT("restEndpoint"),
    GRPC_ENDPOINT("grpcEndpoint"),
    MODEL_STATUS_URL("modelStatusUrl"),
    /** The Cloud Monitoring dashboard of the model: traffic, latency, errors, batching, GPUs, replicas. */
    DASHBOARD_URL("dashboardUrl");

    private final String key;

    StackExport(String key) {
        this.key = key;
    }

    /** The output's name in the stack, as {@code pulumi stack output} shows it. */
    public String key() {
        return key;
    }
}
