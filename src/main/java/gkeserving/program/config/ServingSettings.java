package gkeserving.program.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code gke-gpu-serving:serving}: the TF Serving Deployment, its Service and autoscaling. */
public record ServingSettings(
        String namespace,
        String tfServingVersion,
        int gpusPerReplica,
        Resources resources,
        Autoscaling autoscaling,
        Batching batching,
        VersionPolicy versionPolicy,
        Map<String, Long> versionLabels,
        Optional<Double> perProcessGpuMemoryFraction,
        int startupTimeoutSeconds,
        int terminationGracePeriodSeconds,
        Service service,
        Alerts alerts) {

    /** CPU and memory of one TF Serving container (Kubernetes quantities). */
    public record Resources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
        static Resources read(ConfigReader r) {
            var s = new Resources(
                    r.string("cpuRequest", "2"),
                    r.string("memoryRequest", "8Gi"),
                    r.string("cpuLimit", "4"),
                    r.string("memoryLimit", "8Gi"));
            r.rejectUnknownKeys();
            return s;
        }
    }

    /**
     * What the replica count follows and within which bounds. {@code metric} defaults to queue-latency where
     * batching is on (the saturation signal of a batching server) and to cpu where it is off; every metric but
     * cpu runs through KEDA. {@code minReplicas: 0} (scale to zero) needs KEDA and its HTTP add-on, which holds
     * a request for up to {@code holdTimeoutSeconds} while the first replica starts.
     */
    public record Autoscaling(int minReplicas, int maxReplicas, Metric metric, int targetCpuUtilization,
                              int targetQueueLatencyMs, double queueLatencyQuantile, double targetRequestsPerSecond,
                              int targetGpuUtilization, int idleMinutes, int holdTimeoutSeconds) {
        /** Above the documented cold start of a GPU node from zero (README, "Scale to zero"). */
        public static final int DEFAULT_HOLD_TIMEOUT_SECONDS = 900;

        public enum Metric {
            QUEUE_LATENCY("queue-latency"), REQUEST_RATE("request-rate"), GPU_UTILIZATION("gpu-utilization"), CPU("cpu");

            private final String word;

            Metric(String word) {
                this.word = word;
            }

            @Override
            public String toString() {
                return word;
            }
        }

        /** Whether the replica count is KEDA's (a ScaledObject) rather than a plain CPU HPA's. */
        public boolean keda() {
            return metric != Metric.CPU;
        }

        public boolean scaleToZero() {
            return minReplicas == 0;
        }

        static Autoscaling read(ConfigReader r, boolean batching) {
            var s = new Autoscaling(
                    r.integer("minReplicas", 1),
                    r.integer("maxReplicas", 2),
                    r.choice("metric", batching ? Metric.QUEUE_LATENCY : Metric.CPU, Metric.class),
                    r.integer("targetCpuUtilization", 70),
                    r.integer("targetQueueLatencyMs", 50),
                    r.optNumber("queueLatencyQuantile").orElse(0.9),
                    r.optNumber("targetRequestsPerSecond").orElse(100.0),
                    r.integer("targetGpuUtilization", 70),
                    r.integer("idleMinutes", 15),
                    r.integer("holdTimeoutSeconds", DEFAULT_HOLD_TIMEOUT_SECONDS));
            r.rejectUnknownKeys();
            return s;
        }
    }

    /** {@code serving.alerts}: the bounds the alert policies watch and where they notify (nowhere by default). */
    public record Alerts(int p99LatencyMs, List<String> notificationChannels) {
        static Alerts read(ConfigReader r) {
            var s = new Alerts(r.integer("p99LatencyMs", 1000), r.strings("notificationChannels", List.of()));
            r.rejectUnknownKeys();
            return s;
        }
    }

    /** TF Serving's server-side batching; the seed's recommended starting point is 32 / 5 ms. */
    public record Batching(boolean enabled, int maxBatchSize, long batchTimeoutMicros, int numBatchThreads,
                           int maxEnqueuedBatches, boolean padVariableLengthInputs) {
        static Batching read(ConfigReader r) {
            var s = new Batching(
                    r.bool("enabled", true),
                    r.integer("maxBatchSize", 32),
                    r.integer("batchTimeoutMicros", 5000),
                    r.integer("numBatchThreads", 4),
                    r.integer("maxEnqueuedBatches", 100),
                    r.bool("padVariableLengthInputs", false));
            r.rejectUnknownKeys();
            return s;
        }
    }

    /** Which model versions TF Serving keeps loaded: the latest N, or exactly the listed ones. */
    public record VersionPolicy(Optional<Integer> latest, List<Long> specific) {
        public static final VersionPolicy LATEST_ONE = new VersionPolicy(Optional.of(1), List.of());

        static VersionPolicy read(ConfigReader r) {
            Optional<Integer> latest = r.optInteger("latest");
            // An empty list is refused by the reader rather than read as "latest 1".
            List<Long> specific = r.optWholeNumbers("specific").orElse(List.of());
            r.rejectUnknownKeys();
            if (latest.isEmpty() && specific.isEmpty()) {
                return LATEST_ONE;
            }
            return new VersionPolicy(latest, specific);
        }
    }

    public record Service(boolean internal, boolean staticIp, List<String> sourceRanges) {
        static Service read(ConfigReader r) {
            var s = new Service(r.bool("internal", false), r.bool("staticIp", false),
                    r.strings("sourceRanges", List.of()));
            r.rejectUnknownKeys();
            return s;
        }
    }

    static ServingSettings read(ConfigReader r) {
        Batching batching = Batching.read(r.child("batching"));
        var s = new ServingSettings(
                r.string("namespace", "serving"),
                r.string("tfServingVersion", "2.18.0"),
                r.integer("gpusPerReplica", 1),
                Resources.read(r.child("resources")),
                Autoscaling.read(r.child("autoscaling"), batching.enabled()),
                batching,
                VersionPolicy.read(r.child("versionPolicy")),
                r.wholeNumberMap("versionLabels"),
                r.optNumber("perProcessGpuMemoryFraction"),
                r.integer("startupTimeoutSeconds", 600),
                r.integer("terminationGracePeriodSeconds", 60),
                Service.read(r.child("service")),
                Alerts.read(r.child("alerts")));
        r.rejectUnknownKeys();
        return s;
    }
}
