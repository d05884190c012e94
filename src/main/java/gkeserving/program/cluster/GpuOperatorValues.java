package gkeserving.program.cluster;

import gkeserving.program.config.GpuPoolSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm values for NVIDIA's GPU Operator on a GKE COS node pool, per NVIDIA's "GPU Operator with Google GKE"
 * guide for chart v26.7.0 (NVIDIA/cloud-native-docs 52dcb7b8d956784344e241df476de17094a4574c,
 * gpu-operator/google-gke.rst): Google's installer owns the driver, the operator owns everything above it
 * (container toolkit, device plugin, GPU feature discovery, DCGM exporter).
 */
public final class GpuOperatorValues {
    /** Where Google's COS installer puts the driver; the only writable, persistent place on a COS node. */
    public static final String GKE_NVIDIA_INSTALL_DIR = "/home/kubernetes/bin/nvidia";
    /** The operator's pods run with this priority; GKE only admits it outside kube-system under a quota. */
    public static final String OPERAND_PRIORITY_CLASS = "system-node-critical";

    private GpuOperatorValues() {
    }

    public static Map<String, Object> of(GpuPoolSettings gpu) {
        var values = new LinkedHashMap<String, Object>();
        // The driver comes from Google's installer DaemonSet: NVIDIA's driver containers do not support COS.
        values.put("driver", Map.of("enabled", false));
        values.put("hostPaths", Map.of("driverInstallDir", GKE_NVIDIA_INSTALL_DIR));
        values.put("toolkit", Map.of("enabled", true, "installDir", GKE_NVIDIA_INSTALL_DIR, "env", List.of(
                // GKE 1.33+ (containerd 2.0): read containerd's config from its file, not the containerd CLI, or the
                // toolkit writes a broken config.toml and no nvidia.com/gpu becomes allocatable. The guide's known
                // issue (same file, from NVIDIA/cloud-native-docs 4d468dc1d13577305dd7a66e6c37c71c9caff6f1);
                // NVIDIA/nvidia-container-toolkit#1222, NVIDIA/gpu-operator#1577.
                Map.of("name", "RUNTIME_CONFIG_SOURCE", "value", "file"))));
        // The guide also passes cdi.default=true; not sent: deprecated and ignored since v25.10.0, and no longer
        // rendered by the chart (NVIDIA/gpu-operator db8c6db1d8b9bd88eae779fb7b41ab3815417067,
        // deployments/gpu-operator/templates/clusterpolicy.yaml, in v26.7.0).
        values.put("cdi", Map.of("enabled", true));
        values.put("devicePlugin", Map.of("enabled", true, "config", Map.of(
                "name", DevicePluginConfig.CONFIG_MAP_NAME,
                "default", DevicePluginConfig.CONFIG_KEY)));
        values.put("mig", Map.of("strategy", DevicePluginConfig.migStrategy(gpu)));
        // GKE partitions MIG GPUs itself (gpuPartitionSize, applied by the installer's partition step); NVIDIA's
        // MIG manager would re-partition them to its own default layout.
        values.put("migManager", Map.of("enabled", false));
        // Per-GPU utilisation and memory metrics for monitoring; scaling on them needs a metrics adapter (not installed).
        values.put("dcgmExporter", Map.of("enabled", true));
        List<Map<String, String>> tolerations = List.of(GpuScheduling.gpuToleration());
        values.put("daemonsets", Map.of("priorityClassName", OPERAND_PRIORITY_CLASS, "tolerations", tolerations));
        values.put("node-feature-discovery", Map.of("worker", Map.of("tolerations", tolerations)));
        return values;
    }
}
