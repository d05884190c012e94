package gkeserving.program.observability;

import gkeserving.program.config.ServingSettings;

import java.util.Locale;

/**
 * The PromQL over TF Serving's and DCGM's metrics, as Managed Service for Prometheus stores them, in one place
 * for the autoscaler, the alerts and the dashboard. TF Serving names its metrics with a leading colon and
 * measures latencies in microseconds; every query here answers in milliseconds. Series are those of one model's
 * serving pods: {@code namespace} and {@code job} (the PodMonitoring's name) are set by managed collection.
 *
 * @param namespace the serving namespace
 * @param workload  the Deployment's name, also the PodMonitoring's (the {@code job} label) and the pods' prefix
 */
public record ServingQueries(String namespace, String workload) {
    public static final String REQUEST_COUNT = ":tensorflow:serving:request_count";
    public static final String REQUEST_LATENCY = ":tensorflow:serving:request_latency";
    public static final String QUEUING_LATENCY = ":tensorflow:serving:batching_session:queuing_latency";
    public static final String PROCESSED_BATCH_SIZE = ":tensorflow:serving:batching_session:processed_batch_size";
    public static final String INPUT_BATCH_SIZE = ":tensorflow:serving:batching_session:input_batch_size";
    /** DCGM's GPU utilisation, 0..100. */
    public static final String GPU_UTIL = "DCGM_FI_DEV_GPU_UTIL";
    private static final String WINDOW = "[1m]";

    /** Series of this model's serving pods. */
    String selector() {
        return "namespace=\"" + namespace + "\",job=\"" + workload + "\"";
    }

    /** Requests per second over all replicas, every status. */
    public String requestRate() {
        return "sum(rate(" + REQUEST_COUNT + "{" + selector() + "}" + WINDOW + "))";
    }

    /** Share of requests answered with a status other than OK, 0..1. */
    public String errorRatio() {
        return "sum(rate(" + REQUEST_COUNT + "{" + selector() + ",status!=\"OK\"}" + WINDOW + ")) / " + requestRate();
    }

    /** The {@code quantile} of request latency (successful requests), in ms. */
    public String requestLatencyMs(double quantile) {
        return histogramQuantileMs(REQUEST_LATENCY, quantile);
    }

    /** The {@code quantile} of the time a request waits for a batch slot, in ms: the batching server's saturation. */
    public String queuingLatencyMs(double quantile) {
        return histogramQuantileMs(QUEUING_LATENCY, quantile);
    }

    /** Mean size of the batches the server ran ({@code processed}) or was given ({@code input}). */
    public String meanBatchSize(String histogram) {
        return "sum(rate(" + histogram + "_sum{" + selector() + "}" + WINDOW + ")) / sum(rate(" + histogram
                + "_count{" + selector() + "}" + WINDOW + "))";
    }

    /**
     * Mean GPU utilisation of the GPUs this model's pods hold, 0..100. DCGM's exporter labels a GPU with the pod
     * using it; managed collection keeps the exporter's own {@code namespace}/{@code pod} and prefixes the
     * colliding ones with {@code exported_}.
     */
    public String gpuUtilization() {
        return "avg(" + GPU_UTIL + "{exported_namespace=\"" + namespace + "\",exported_pod=~\"" + workload + "-.*\"})";
    }

    /** The query the autoscaler follows for {@code metric}; cpu is the HPA's own and has none. */
    public String scalingQuery(ServingSettings.Autoscaling autoscaling) {
        return switch (autoscaling.metric()) {
            case QUEUE_LATENCY -> queuingLatencyMs(autoscaling.queueLatencyQuantile());
            case REQUEST_RATE -> requestRate();
            case GPU_UTILIZATION -> gpuUtilization();
            case CPU -> throw new IllegalArgumentException("cpu is scaled by the HPA, not by a query");
        };
    }

    private String histogramQuantileMs(String histogram, double quantile) {
        // TF Serving records microseconds.
        return "histogram_quantile(" + number(quantile) + ", sum by (le) (rate(" + histogram + "_bucket{" + selector()
                + "}" + WINDOW + "))) / 1000";
    }

    public static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
