package gkeserving.program.cluster;

import gkeserving.program.ProgramRun;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver installer DaemonSet as registered, against Google's {@code nvidia-driver-installer/cos/daemonset-preloaded.yaml}
 * (GoogleCloudPlatform/container-engine-accelerators f2cf4197a5c3f0f20133be15d5fad8b7453beed5).
 */
class DriverInstallerDaemonSetTest {
    private static Registration installer(String stack) {
        return ProgramRun.of(stack, GpuPoolVariants.withDevicePlugin(stack, "nvidia")).assertSucceeded()
                .one("kubernetes:apps/v1:DaemonSet", "nvidia-driver-installer");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Registration installer) {
        var all = new ArrayList<Map<String, Object>>();
        for (String kind : List.of("initContainers", "containers")) {
            all.addAll((List<Map<String, Object>>) at(installer, "spec.template.spec." + kind));
        }
        return all;
    }

    private static Map<String, Object> container(Registration installer, String name) {
        return containers(installer).stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }

    /** Every pulled image is pinned by digest; the preloaded installer is never pulled (pull policy Never). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void everyImageIsPinnedByDigestExceptThePreloadedInstaller(String stack) {
        List<Map<String, Object>> containers = containers(installer(stack));

        assertThat(containers).extracting(c -> c.get("name")).containsExactly("nvidia-driver-installer", "partition-gpus", "pause");
        assertThat(containers).allSatisfy(c -> {
            String image = (String) c.get("image");
            if (image.equals("cos-nvidia-installer:fixed")) {
                assertThat(c.get("imagePullPolicy")).as(image).isEqualTo("Never");
            } else {
                assertThat(image).matches("[a-z0-9.-]+(/[a-z0-9._-]+)+(:[A-Za-z0-9._-]+)?@sha256:[0-9a-f]{64}");
            }
        });
        assertThat(containers).filteredOn(c -> !((String) c.get("image")).contains("@sha256:")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void installerSkipsANodeWhoseDriverIsAlreadyLoaded(String stack) {
        Map<String, Object> step = container(installer(stack), "nvidia-driver-installer");

        assertThat(step.get("command")).isEqualTo(List.of("bash", "-c", """
                echo "Checking for existing GPU driver modules"
                if lsmod | grep nvidia; then
                  echo "GPU driver is already installed, the installed version may or may not be the driver version being tried to install, skipping installation"
                  exit 0
                else
                  echo "No GPU driver module detected, installing now"
                  /cos-gpu-installer install || exit 1
                fi
                """));
        assertThat(step).doesNotContainKey("args");
    }

    /** Google's one term, all three expressions: confidential GPU nodes get their driver from another manifest. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void affinityKeepsOffNodesWhoseDriverSomeoneElseInstallsIncludingConfidentialNodes(String stack) {
        Registration installer = installer(stack);

        assertThat(at(installer, "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                + ".nodeSelectorTerms")).isEqualTo(List.of(Map.of("matchExpressions", List.of(
                Map.of("key", "cloud.google.com/gke-accelerator", "operator", "Exists"),
                Map.of("key", "cloud.google.com/gke-gpu-driver-version", "operator", "DoesNotExist"),
                Map.of("key", "cloud.google.com/gke-confidential-nodes-instance-type", "operator", "DoesNotExist")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void envVolumesAndMountsAreGooglesInGooglesOrder(String stack) {
        Registration installer = installer(stack);
        Map<String, Object> install = container(installer, "nvidia-driver-installer");
        Map<String, Object> partition = container(installer, "partition-gpus");

        assertThat(install.get("env")).isEqualTo(List.of(
                env("NVIDIA_INSTALL_DIR_HOST", "/home/kubernetes/bin/nvidia"),
                env("NVIDIA_INSTALL_DIR_CONTAINER", "/usr/local/nvidia"),
                env("VULKAN_ICD_DIR_HOST", "/home/kubernetes/bin/nvidia/vulkan/icd.d"),
                env("VULKAN_ICD_DIR_CONTAINER", "/etc/vulkan/icd.d"),
                env("ROOT_MOUNT_DIR", "/root"),
                env("COS_TOOLS_DIR_HOST", "/var/lib/cos-tools"),
                env("COS_TOOLS_DIR_CONTAINER", "/build/cos-tools")));
        assertThat(install.get("volumeMounts")).isEqualTo(List.of(
                mount("nvidia-install-dir-host", "/usr/local/nvidia"), mount("vulkan-icd-mount", "/etc/vulkan/icd.d"),
                mount("dev", "/dev"), mount("root-mount", "/root"), mount("cos-tools", "/build/cos-tools")));
        assertThat(partition.get("env")).isEqualTo(List.of(env("LD_LIBRARY_PATH", "/usr/local/nvidia/lib64")));
        assertThat(partition.get("volumeMounts")).isEqualTo(List.of(
                mount("nvidia-install-dir-host", "/usr/local/nvidia"), mount("dev", "/dev"), mount("nvidia-config", "/etc/nvidia")));
        assertThat(at(installer, "spec.template.spec.volumes")).isEqualTo(List.of(
                hostPath("dev", "/dev"), hostPath("vulkan-icd-mount", "/home/kubernetes/bin/nvidia/vulkan/icd.d"),
                hostPath("nvidia-install-dir-host", "/home/kubernetes/bin/nvidia"), hostPath("root-mount", "/"),
                hostPath("cos-tools", "/var/lib/cos-tools"), hostPath("nvidia-config", "/etc/nvidia")));
    }

    private static Map<String, String> env(String name, String value) {
        return Map.of("name", name, "value", value);
    }

    private static Map<String, String> mount(String name, String path) {
        return Map.of("name", name, "mountPath", path);
    }

    private static Map<String, Object> hostPath(String name, String path) {
        return Map.of("name", name, "hostPath", Map.of("path", path));
    }
}
