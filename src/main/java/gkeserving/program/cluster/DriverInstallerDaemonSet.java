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
 * 4.0.0 cannot apply a YAML manifest). Regenerated from GoogleCloudPlatform/container-engine-accelerators,
 * {@code nvidia-driver-installer/cos/daemonset-preloaded.yaml} as last changed in f2cf4197a5c3f0f20133be15d5fad8b7453beed5
 * (read at master 992db81257553607f1477945f1b3219632991829), the file NVIDIA's GKE guide applies: the installer
 * image is preloaded on every GKE COS node under a fixed name (matched to that node's COS version), so it is never
 * pulled; unless a driver is already loaded, it installs one into {@code /home/kubernetes/bin/nvidia}, where the
 * GPU Operator expects it. A second init step cuts the GPUs into MIG partitions when the node pool asks for it
 * (and does nothing otherwise). The pause container only keeps the pod, and with it the "installed" state, visible.
 *
 * <p>Deliberate deviations from Google's manifest:
 * <ul>
 *   <li>Its own name and label ({@link #NAME}), so it never collides with a copy of Google's manifest applied by
 *       hand in kube-system.</li>
 *   <li>A node selector for this program's GPU pool ({@link GpuScheduling#gpuNodeSelector}): other GPU pools in the
 *       cluster are not this stack's to install drivers on.</li>
 *   <li>It tolerates only the pool's GPU taint instead of every taint ({@code operator: Exists}): the pool's taint is
 *       the only one it needs, and like every other pod of this program it stays off nodes tainted for other reasons.</li>
 * </ul>
 */
public final class DriverInstallerDaemonSet {
    public static final String NAME = "gke-gpu-serving-nvidia-driver-installer";
    /** kube-system admits system-node-critical pods without a quota. */
    public static final String NAMESPACE = "kube-system";
    /**
     * Preloaded by GKE on COS nodes and pinned by the node image, hence pull policy Never: the only image here
     * not pinned by digest, because it is never pulled (Google's manifests name it by this tag alone).
     */
    public static final String INSTALLER_IMAGE = "cos-nvidia-installer:fixed";
    public static final String PARTITION_IMAGE =
            "gcr.io/gke-release/nvidia-partition-gpu@sha256:de12f85ebfb4fb6c1893cd30c23aab662a72fa0448f97ef74fccb82d7522ef17";
    public static final String PAUSE_IMAGE =
            "gke.gcr.io/pause:3.8@sha256:880e63f94b145e46f1b1082bb71b85e21f16b99b180b9996407d61240ceb9830";
    /** GKE sets this label on nodes whose driver it installs; the installer must never run there. */
    public static final String GKE_DRIVER_VERSION_LABEL = "cloud.google.com/gke-gpu-driver-version";
    /** Confidential GPU nodes get their driver from Google's confidential-nodes manifest, not this one. */
    public static final String CONFIDENTIAL_NODES_LABEL = "cloud.google.com/gke-confidential-nodes-instance-type";
    /**
     * Google's install guard, verbatim: a node whose NVIDIA module is already loaded (say the pod restarted on a
     * running node) is left as it is rather than installed over (container-engine-accelerators ccf7bc66).
     */
    static final String INSTALL_SCRIPT = """
            echo "Checking for existing GPU driver modules"
            if lsmod | grep nvidia; then
              echo "GPU driver is already installed, the installed version may or may not be the driver version being tried to install, skipping installation"
              exit 0
            else
              echo "No GPU driver module detected, installing now"
              /cos-gpu-installer install || exit 1
            fi
            """;

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
                .affinity(onlyWhereNoOneElseInstallsTheDriver())
                .tolerations(GpuScheduling.gpuTolerationArgs())
                .hostNetwork(true)
                .hostPID(true)
                .volumes(List.of(DEV, VULKAN_ICD, NVIDIA_INSTALL, ROOT, COS_TOOLS, NVIDIA_CONFIG).stream()
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
                .env(envVar("NVIDIA_INSTALL_DIR_HOST", NVIDIA_INSTALL.hostPath()),
                        envVar("NVIDIA_INSTALL_DIR_CONTAINER", NVIDIA_INSTALL.mountPath()),
                        envVar("VULKAN_ICD_DIR_HOST", VULKAN_ICD.hostPath()),
                        envVar("VULKAN_ICD_DIR_CONTAINER", VULKAN_ICD.mountPath()),
                        envVar("ROOT_MOUNT_DIR", ROOT.mountPath()),
                        envVar("COS_TOOLS_DIR_HOST", COS_TOOLS.hostPath()),
                        envVar("COS_TOOLS_DIR_CONTAINER", COS_TOOLS.mountPath()))
                .volumeMounts(List.of(NVIDIA_INSTALL, VULKAN_ICD, DEV, ROOT, COS_TOOLS).stream().map(HostDir::mount).toList())
                .command("bash", "-c", INSTALL_SCRIPT)
                .build();
    }

    private static ContainerArgs partitioner() {
        return privileged("partition-gpus", PARTITION_IMAGE)
                .env(envVar("LD_LIBRARY_PATH", NVIDIA_INSTALL.mountPath() + "/lib64"))
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

    private static EnvVarArgs envVar(String name, String value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }

    /** Google's one term: nodes with an accelerator, whose driver neither GKE nor the confidential-nodes installer owns. */
    private static AffinityArgs onlyWhereNoOneElseInstallsTheDriver() {
        return AffinityArgs.builder()
                .nodeAffinity(NodeAffinityArgs.builder()
                        .requiredDuringSchedulingIgnoredDuringExecution(NodeSelectorArgs.builder()
                                .nodeSelectorTerms(NodeSelectorTermArgs.builder()
                                        .matchExpressions(
                                                nodeLabel(GpuScheduling.GKE_ACCELERATOR_LABEL, "Exists"),
                                                nodeLabel(GKE_DRIVER_VERSION_LABEL, "DoesNotExist"),
                                                nodeLabel(CONFIDENTIAL_NODES_LABEL, "DoesNotExist"))
                                        .build())
                                .build())
                        .build())
                .build();
    }

    private static NodeSelectorRequirementArgs nodeLabel(String key, String operator) {
        return NodeSelectorRequirementArgs.builder().key(key).operator(operator).build();
    }
}
