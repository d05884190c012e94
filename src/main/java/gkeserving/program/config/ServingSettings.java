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
        Service service) {

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

    public record Autoscaling(int minReplicas, int maxReplicas, int targetCpuUtilization) {
        static Autoscaling read(ConfigReader r) {
            var s = new Autoscaling(
                    r.integer("minReplicas", 1),
                    r.integer("maxReplicas", 2),
                    r.integer("targetCpuUtilization", 70));
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
        var s = new ServingSettings(
                r.string("namespace", "serving"),
                r.string("tfServingVersion", "2.18.0"),
                r.integer("gpusPerReplica", 1),
                Resources.read(r.child("resources")),
                Autoscaling.read(r.child("autoscaling")),
                Batching.read(r.child("batching")),
                VersionPolicy.read(r.child("versionPolicy")),
                r.wholeNumberMap("versionLabels"),
                r.optNumber("perProcessGpuMemoryFraction"),
                r.integer("startupTimeoutSeconds", 600),
                r.integer("terminationGracePeriodSeconds", 60),
                Service.read(r.child("service")));
        r.rejectUnknownKeys();
        return s;
    }
}
