package gkeserving.program.cluster;

import gkeserving.program.config.GpuPoolSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm values for NVIDIA's GPU Operator on a GKE COS node pool, per NVIDIA's "GPU Operator with Google GKE"
 * guide: Google's installer owns the driver, the operator owns everything above it (container toolkit,
 * device plugin, GPU feature discovery, DCGM exporter).
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
        values.put("toolkit", Map.of("enabled", true, "installDir", GKE_NVIDIA_INSTALL_DIR));
        // As NVIDIA's GKE guide sets it: CDI on, and the default way GPUs are injected into containers.
        values.put("cdi", Map.of("enabled", true, "default", true));
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
