package gkeserving.program.cluster;

import com.pulumi.kubernetes.core.v1.inputs.TolerationArgs;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.GpuPoolSettings.DevicePlugin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract between the GPU node pool and what runs on it: its taint, its labels and the driver
 * setting that each device-plugin mode needs. Pods and DaemonSets derive their tolerations and
 * node selectors from here, so the two sides cannot drift apart.
 */
public final class GpuScheduling {
    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    public static final String TAINT_KEY = "nvidia.com/gpu";
    public static final String TAINT_VALUE = "present";
    public static final String TAINT_EFFECT = "NoSchedule";
    /** GKE's spelling of the effect in the node pool API. */
    public static final String TAINT_EFFECT_GKE = "NO_SCHEDULE";

    /** Set by GKE itself on every node with an accelerator; the cluster autoscaler knows it from the pool template. */
    public static final String GKE_ACCELERATOR_LABEL = "cloud.google.com/gke-accelerator";
    public static final String POOL_LABEL = "gke-gpu-serving/pool";
    /** Tells GKE not to run its own device plugin on the node (NVIDIA's GKE recipe). */
    public static final String NO_GKE_DEVICE_PLUGIN_LABEL = "gke-no-default-nvidia-gpu-device-plugin";
    /** The label NVIDIA's GPU Operator selects GPU nodes by. */
    public static final String NVIDIA_GPU_PRESENT_LABEL = "nvidia.com/gpu.present";

    private GpuScheduling() {
    }

    /** Labels the program sets explicitly on the GPU pool's nodes. */
    public static Map<String, String> gpuNodeLabels(GpuPoolSettings gpu) {
        var labels = new LinkedHashMap<String, String>();
        labels.put(POOL_LABEL, "gpu");
        if (gpu.devicePlugin() == DevicePlugin.NVIDIA) {
            labels.put(NO_GKE_DEVICE_PLUGIN_LABEL, "true");
            labels.put(NVIDIA_GPU_PRESENT_LABEL, "true");
        }
        return labels;
    }

    /** GKE installs the driver only when its own device plugin is used; NVIDIA's recipe brings its own. */
    public static String driverInstallation(GpuPoolSettings gpu) {
        return gpu.devicePlugin() == DevicePlugin.GKE ? "LATEST" : "INSTALLATION_DISABLED";
    }

    /**
     * The toleration matching exactly the pool's taint, as Kubernetes spells it. A plain map so that typed
     * objects and Helm values are built from the same source.
     */
    public static Map<String, String> gpuToleration() {
        var toleration = new LinkedHashMap<String, String>();
        toleration.put("key", TAINT_KEY);
        toleration.put("operator", "Equal");
        toleration.put("value", TAINT_VALUE);
        toleration.put("effect", TAINT_EFFECT);
        return toleration;
    }

    /** {@link #gpuToleration()} as a pod spec's typed toleration. */
    public static TolerationArgs gpuTolerationArgs() {
        Map<String, String> t = gpuToleration();
        return TolerationArgs.builder()
                .key(t.get("key")).operator(t.get("operator")).value(t.get("value")).effect(t.get("effect"))
                .build();
    }

    /** Node selector for pods that must land on the GPU pool. */
    public static Map<String, String> gpuNodeSelector(GpuPoolSettings gpu) {
        return Map.of(GKE_ACCELERATOR_LABEL, gpu.accelerator(), POOL_LABEL, "gpu");
    }
}
