package gkeserving.program.config;

/** {@code gke-gpu-serving:gpuOperator}: NVIDIA's GPU Operator chart, used when {@code gpuPool.devicePlugin} is nvidia. */
public record GpuOperatorSettings(String chart, String repository, String version, String namespace) {
    static GpuOperatorSettings read(ConfigReader r) {
        var s = new GpuOperatorSettings(
                r.string("chart", "gpu-operator"),
                r.string("repository", "https://helm.ngc.nvidia.com/nvidia"),
                r.string("version", GpuOperatorReleases.DEFAULT_VERSION),
                r.string("namespace", "gpu-operator"));
        r.rejectUnknownKeys();
        return s;
    }
}
