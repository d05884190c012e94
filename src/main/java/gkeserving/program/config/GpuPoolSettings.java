package gkeserving.program.config;

import java.util.List;
import java.util.Optional;

/** {@code gke-gpu-serving:gpuPool}: the autoscaled pool of GPU nodes that TF Serving runs on. */
public record GpuPoolSettings(
        String machineType,
        String accelerator,
        int acceleratorCount,
        int minNodes,
        int maxNodes,
        boolean spot,
        List<String> zones,
        int diskSizeGb,
        Sharing sharing,
        DevicePlugin devicePlugin) {

    /** Which software advertises {@code nvidia.com/gpu} on the pool's nodes. */
    public enum DevicePlugin {
        NVIDIA("nvidia"), GKE("gke");

        private final String word;

        DevicePlugin(String word) {
            this.word = word;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    public enum SharingStrategy {
        NONE("none"), TIME_SHARING("time-sharing"), MIG("mig");

        private final String word;

        SharingStrategy(String word) {
            this.word = word;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    /** GPU sharing: time-slicing of whole GPUs between clients, or MIG partitions (A100/H100). */
    public record Sharing(SharingStrategy strategy, Optional<Integer> maxSharedClientsPerGpu,
                          Optional<String> partitionSize) {
        public static final Sharing NONE = new Sharing(SharingStrategy.NONE, Optional.empty(), Optional.empty());

        static Sharing read(ConfigReader r) {
            var s = new Sharing(
                    r.choice("strategy", SharingStrategy.NONE, SharingStrategy.class),
                    r.optInteger("maxSharedClientsPerGpu"),
                    r.optString("partitionSize"));
            r.rejectUnknownKeys();
            return s;
        }
    }

    static GpuPoolSettings read(ConfigReader r) {
        var s = new GpuPoolSettings(
                r.string("machineType", "g2-standard-8"),
                r.string("accelerator", "nvidia-l4"),
                r.integer("acceleratorCount", 1),
                r.integer("minNodes", 0),
                r.integer("maxNodes", 2),
                r.bool("spot", false),
                r.strings("zones", List.of()),
                r.integer("diskSizeGb", 200),
                Sharing.read(r.child("sharing")),
                r.choice("devicePlugin", DevicePlugin.NVIDIA, DevicePlugin.class));
        r.rejectUnknownKeys();
        return s;
    }

    /** Whether the pool's nodes span two zones or more (a regional cluster's pool always lists its zones). */
    public boolean multiZone() {
        return zones.size() >= 2;
    }

    /** How many pods requesting one {@code nvidia.com/gpu} fit on one node of this pool. */
    public int schedulableGpusPerNode() {
        return switch (sharing.strategy()) {
            case NONE -> acceleratorCount;
            case TIME_SHARING -> acceleratorCount * sharing.maxSharedClientsPerGpu().orElse(1);
            case MIG -> acceleratorCount * GpuCatalog.migPartitionsPerGpu(accelerator, sharing.partitionSize().orElse(""));
        };
    }
}
