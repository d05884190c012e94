package gkeserving.program.config;

/** {@code gke-gpu-serving:cpuPool}: the system pool that runs everything except model servers. */
public record CpuPoolSettings(String machineType, int minNodes, int maxNodes, int diskSizeGb) {
    static CpuPoolSettings read(ConfigReader r) {
        var s = new CpuPoolSettings(
                r.string("machineType", "e2-standard-4"),
                r.integer("minNodes", 1),
                r.integer("maxNodes", 3),
                r.integer("diskSizeGb", 100));
        r.rejectUnknownKeys();
        return s;
    }
}
