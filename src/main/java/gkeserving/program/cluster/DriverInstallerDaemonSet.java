package gkeserving.program.cluster;

import com.pulumi.kubernetes.apps.v1.DaemonSetArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DaemonSetSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DaemonSetUpdateStrategyArgs;
import com.pulumi.kubernetes.core.v1.inputs.AffinityArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.HostPathVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.NodeAffinityArgs;
import com.pulumi.kubernetes.core.v1.inputs.NodeSelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.NodeSelectorRequirementArgs;
import com.pulumi.kubernetes.core.v1.inputs.NodeSelectorTermArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import gkeserving.program.config.GpuPoolSettings;

import java.util.List;
import java.util.Map;

/**
 * Google's NVIDIA driver installer for Container-Optimized OS, as a typed DaemonSet (pulumi-kubernetes
 * 4.0.0 cannot apply a YAML manifest). Facts from GoogleCloudPlatform/container-engine-accelerators,
 * {@code nvidia-driver-installer/cos/daemonset-preloaded.yaml}: the installer image is preloaded on every
 * GKE COS node under a fixed name (matched to that node's COS version), so it is never pulled; it installs
 * the driver into {@code /home/kubernetes/bin/nvidia}, where the GPU Operator expects it. A second init step cuts
 * the GPUs into MIG partitions when the node pool asks for it (and does nothing otherwise). The pause
 * container only keeps the pod, and with it the "installed" state, visible.
 *
 * <p>Unlike Google's manifest, it runs only on this program's GPU pool and tolerates only the GPU taint.
 */
public final class DriverInstallerDaemonSet {
    public static final String NAME = "gke-gpu-serving-nvidia-driver-installer";
    /** kube-system admits system-node-critical pods without a quota. */
    public static final String NAMESPACE = "kube-system";
    /** Preloaded by GKE on COS nodes; pinned by the node image, hence pull policy Never. */
    public static final String INSTALLER_IMAGE = "cos-nvidia-installer:fixed";
    public static final String PARTITION_IMAGE =
            "gcr.io/gke-release/nvidia-partition-gpu@sha256:c54fd003948fac687c2a93a55ea6e4d47ffbd641278a9191e75e822fe72471c2";
    public static final String PAUSE_IMAGE = "gcr.io/google-containers/pause:2.0";
    /** GKE sets this label on nodes whose driver it installs; the installer must never run there. */
    public static final String GKE_DRIVER_VERSION_LABEL = "cloud.google.com/gke-gpu-driver-version";

    private static final String INSTALL_DIR = GpuOperatorValues.GKE_NVIDIA_INSTALL_DIR;
    private static final String VULKAN_ICD_DIR = INSTALL_DIR + "/vulkan/icd.d";
    private static final String COS_TOOLS_DIR = "/var/lib/cos-tools";

    /** A host directory and where a container sees it. */
    record HostDir(String volume, String hostPath, String mountPath) {
        VolumeArgs volumeArgs() {
            return VolumeArgs.builder().name(volume)
                    .hostPath(HostPathVolumeSourceArgs.builder().path(hostPath).build()).build();
        }

        VolumeMountArgs mount() {
            return VolumeMountArgs.builder().name(volume).mountPath(mountPath).build();
        }
    }

    static final HostDir DEV = new HostDir("dev", "/dev", "/dev");
    static final HostDir NVIDIA_INSTALL = new HostDir("nvidia-install-dir-host", INSTALL_DIR, "/usr/local/nvidia");
    static final HostDir VULKAN_ICD = new HostDir("vulkan-icd-mount", VULKAN_ICD_DIR, "/etc/vulkan/icd.d");
    static final HostDir ROOT = new HostDir("root-mount", "/", "/root");
    static final HostDir COS_TOOLS = new HostDir("cos-tools", COS_TOOLS_DIR, "/build/cos-tools");
    /** GKE writes the pool's MIG partition size here; the partition step reads it. */
    static final HostDir NVIDIA_CONFIG = new HostDir("nvidia-config", "/etc/nvidia", "/etc/nvidia");

    private DriverInstallerDaemonSet() {
    }

    public static DaemonSetArgs args(GpuPoolSettings gpu) {
        Map<String, String> labels = Map.of("k8s-app", NAME);
        var pod = PodSpecArgs.builder()
                .priorityClassName("system-node-critical")
                .nodeSelector(GpuScheduling.gpuNodeSelector(gpu))
                .affinity(notWhereGkeInstallsTheDriver())
                .tolerations(GpuScheduling.gpuTolerationArgs())
                .hostNetwork(true)
                .hostPID(true)
                .volumes(List.of(DEV, NVIDIA_INSTALL, VULKAN_ICD, ROOT, COS_TOOLS, NVIDIA_CONFIG).stream()
                        .map(HostDir::volumeArgs).toList())
                .initContainers(installer(), partitioner())
                .containers(ContainerArgs.builder().name("pause").image(PAUSE_IMAGE).build())
                .build();
        return DaemonSetArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAME).namespace(NAMESPACE).labels(labels).build())
                .spec(DaemonSetSpecArgs.builder()
                        .selector(LabelSelectorArgs.builder().matchLabels(labels).build())
                        .updateStrategy(DaemonSetUpdateStrategyArgs.builder().type("RollingUpdate").build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                .spec(pod)
                                .build())
                        .build())
                .build();
    }

    private static ContainerArgs installer() {
        return privileged("nvidia-driver-installer", INSTALLER_IMAGE)
                .imagePullPolicy("Never")
                .env(env(Map.of(
                        "NVIDIA_INSTALL_DIR_HOST", NVIDIA_INSTALL.hostPath(),
                        "NVIDIA_INSTALL_DIR_CONTAINER", NVIDIA_INSTALL.mountPath(),
                        "VULKAN_ICD_DIR_HOST", VULKAN_ICD.hostPath(),
                        "VULKAN_ICD_DIR_CONTAINER", VULKAN_ICD.mountPath(),
                        "ROOT_MOUNT_DIR", ROOT.mountPath(),
                        "COS_TOOLS_DIR_HOST", COS_TOOLS.hostPath(),
                        "COS_TOOLS_DIR_CONTAINER", COS_TOOLS.mountPath())))
                .volumeMounts(List.of(NVIDIA_INSTALL, VULKAN_ICD, DEV, ROOT, COS_TOOLS).stream().map(HostDir::mount).toList())
                .build();
    }

    private static ContainerArgs partitioner() {
        return privileged("partition-gpus", PARTITION_IMAGE)
                .env(env(Map.of("LD_LIBRARY_PATH", NVIDIA_INSTALL.mountPath() + "/lib64")))
                .volumeMounts(List.of(NVIDIA_INSTALL, DEV, NVIDIA_CONFIG).stream().map(HostDir::mount).toList())
                .build();
    }

    /** Both init steps load kernel modules or drive the GPU, so they need a privileged container. */
    private static ContainerArgs.Builder privileged(String name, String image) {
        return ContainerArgs.builder()
                .name(name)
                .image(image)
                .resources(ResourceRequirementsArgs.builder().requests(Map.of("cpu", "150m")).build())
                .securityContext(SecurityContextArgs.builder().privileged(true).build());
    }

    private static List<EnvVarArgs> env(Map<String, String> vars) {
        return vars.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> EnvVarArgs.builder().name(e.getKey()).value(e.getValue()).build())
                .toList();
    }

    private static AffinityArgs notWhereGkeInstallsTheDriver() {
        return AffinityArgs.builder()
                .nodeAffinity(NodeAffinityArgs.builder()
                        .requiredDuringSchedulingIgnoredDuringExecution(NodeSelectorArgs.builder()
                                .nodeSelectorTerms(NodeSelectorTermArgs.builder()
                                        .matchExpressions(NodeSelectorRequirementArgs.builder()
                                                .key(GKE_DRIVER_VERSION_LABEL)
                                                .operator("DoesNotExist")
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build();
    }
}
