package gkeserving.program.cluster;

import gkeserving.program.ResourceTypes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gkeserving.program.App;
import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.GpuPoolSettings.DevicePlugin;
import gkeserving.program.config.GpuPoolSettings.Sharing;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import gkeserving.tools.render.InProcessRun;
import gkeserving.tools.render.ResourceCapture;
import gkeserving.tools.render.ResourceCapture.Captured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real program under the mock engine, for every shipped stack in both device-plugin modes. */
class NvidiaDevicePluginTest {
    private static final String NODE_POOL = ResourceTypes.NODE_POOL;
    private static final String DAEMON_SET = ResourceTypes.DAEMON_SET;
    private static final String RELEASE = ResourceTypes.HELM_RELEASE;
    private static final String NAMESPACE = ResourceTypes.NAMESPACE;
    private static final String QUOTA = ResourceTypes.RESOURCE_QUOTA;
    private static final String CONFIG_MAP = ResourceTypes.CONFIG_MAP;

    private static final String GPU_POOL = "gke-gpu";
    private static final String INSTALLER = "nvidia-driver-installer";
    private static final String OPERATOR = "nvidia-gpu-operator";
    private static final Map<String, String> GPU_TOLERATION =
            Map.of("key", "nvidia.com/gpu", "operator", "Equal", "value", "present", "effect", "NoSchedule");

    static Stream<Arguments> stacksInBothModes() {
        return ProgramRun.shippedStackNames().flatMap(stack -> Stream.of(
                Arguments.of(stack, "nvidia"), Arguments.of(stack, "gke")));
    }

    /** Every shipped stack with whole GPUs, time-shared GPUs and MIG slices. */
    static Stream<Arguments> stacksWithSharingVariants() {
        Consumer<ObjectNode> asShipped = pool -> { };
        return ProgramRun.shippedStackNames().flatMap(stack -> Stream.of(
                Arguments.of(stack, "as shipped", asShipped),
                Arguments.of(stack, "time-sharing x4", GpuPoolVariants.timeSharing(4)),
                Arguments.of(stack, "mig 1g.5gb on A100", GpuPoolVariants.migA100())));
    }

    private static ProgramRun run(String stack, String mode) {
        return ProgramRun.of(stack, GpuPoolVariants.withDevicePlugin(stack, mode)).assertSucceeded();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static Optional<Registration> find(ProgramRun run, String type, String name) {
        return run.ofType(type).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    @ParameterizedTest(name = "{0} in {1} mode")
    @MethodSource("stacksInBothModes")
    void gpuPoolLabelsAndDriverInstallationMatchTheMode(String stack, String mode) {
        Registration pool = run(stack, mode).one(NODE_POOL, GPU_POOL);
        Map<String, Object> labels = map(at(pool, "nodeConfig.labels"));
        Object driver = at(pool, "nodeConfig.guestAccelerators[0].gpuDriverInstallationConfig.gpuDriverVersion");

        if (mode.equals("nvidia")) {
            assertThat(labels).containsEntry("gke-no-default-nvidia-gpu-device-plugin", "true")
                    .containsEntry("nvidia.com/gpu.present", "true");
            assertThat(driver).isEqualTo("INSTALLATION_DISABLED");
        } else {
            assertThat(labels).doesNotContainKeys("gke-no-default-nvidia-gpu-device-plugin", "nvidia.com/gpu.present");
            assertThat(driver).isEqualTo("LATEST");
        }
        assertThat(labels).containsEntry("gke-gpu-serving/pool", "gpu");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void nvidiaModeInstallsGooglesDriverOnGpuNodesOnly(String stack) {
        ProgramRun run = run(stack, "nvidia");
        Registration pool = run.one(NODE_POOL, GPU_POOL);
        Registration installer = run.one(DAEMON_SET, INSTALLER);

        assertThat(at(installer, "spec.template.spec.nodeSelector")).isEqualTo(Map.of(
                "cloud.google.com/gke-accelerator", at(pool, "nodeConfig.guestAccelerators[0].type"),
                "gke-gpu-serving/pool", "gpu"));
        assertThat(list(at(installer, "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                + ".nodeSelectorTerms[0].matchExpressions")))
                .contains(Map.of("key", "cloud.google.com/gke-gpu-driver-version", "operator", "DoesNotExist"));
        assertThat(at(installer, "spec.template.spec.tolerations")).isEqualTo(List.of(GPU_TOLERATION));
        // The toleration is for exactly the taint the pool carries.
        assertThat(at(pool, "nodeConfig.taints[0]")).isEqualTo(
                Map.of("key", "nvidia.com/gpu", "value", "present", "effect", "NO_SCHEDULE"));
        assertThat(at(installer, "spec.template.spec.priorityClassName")).isEqualTo("system-node-critical");
        assertThat(at(installer, "metadata.namespace")).isEqualTo("kube-system");
        // Google's installer is the COS one: the pool must run COS.
        assertThat(at(pool, "nodeConfig.imageType")).isEqualTo("COS_CONTAINERD");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void driverInstallerUsesThePreloadedImageAndGkesInstallDir(String stack) {
        Registration installer = run(stack, "nvidia").one(DAEMON_SET, INSTALLER);
        Map<String, Object> step = map(at(installer, "spec.template.spec.initContainers[0]"));

        assertThat(step).containsEntry("image", "cos-nvidia-installer:fixed").containsEntry("imagePullPolicy", "Never");
        assertThat(at(step, "securityContext.privileged")).isEqualTo(true);
        assertThat(list(step.get("env"))).contains(
                Map.of("name", "NVIDIA_INSTALL_DIR_HOST", "value", "/home/kubernetes/bin/nvidia"),
                Map.of("name", "NVIDIA_INSTALL_DIR_CONTAINER", "value", "/usr/local/nvidia"));
        assertThat(list(at(installer, "spec.template.spec.volumes"))).contains(
                Map.of("name", "nvidia-install-dir-host", "hostPath", Map.of("path", "/home/kubernetes/bin/nvidia")));
        assertThat(list(step.get("volumeMounts"))).contains(
                Map.of("name", "nvidia-install-dir-host", "mountPath", "/usr/local/nvidia"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void nvidiaModeInstallsThePinnedGpuOperatorTargetingGpuNodes(String stack) {
        ProgramRun run = run(stack, "nvidia");
        Registration release = run.one(RELEASE, OPERATOR);

        assertThat(release.inputs()).containsEntry("chart", "gpu-operator").containsEntry("version", "v26.7.0")
                .containsEntry("namespace", "gpu-operator");
        assertThat(at(release, "repositoryOpts.repo")).isEqualTo("https://helm.ngc.nvidia.com/nvidia");
        assertThat((Double) release.inputs().get("timeout")).isGreaterThanOrEqualTo(600.0);
        // Operands land where the operator finds the label the pool sets, tolerating the pool's taint.
        assertThat(map(at(run.one(NODE_POOL, GPU_POOL), "nodeConfig.labels")))
                .containsEntry("nvidia.com/gpu.present", "true");
        assertThat(at(release, "values.daemonsets.tolerations")).isEqualTo(List.of(GPU_TOLERATION));
        assertThat(at(release, "values.node-feature-discovery.worker.tolerations")).isEqualTo(List.of(GPU_TOLERATION));
        // NVIDIA's GKE guide, key by key, as registered.
        assertThat(at(release, "values.driver.enabled")).isEqualTo(false);
        assertThat(at(release, "values.hostPaths.driverInstallDir")).isEqualTo("/home/kubernetes/bin/nvidia");
        assertThat(at(release, "values.toolkit.installDir")).isEqualTo("/home/kubernetes/bin/nvidia");
        assertThat(at(release, "values.cdi.enabled")).isEqualTo(true);
        assertThat(at(release, "values.cdi")).isEqualTo(Map.of("enabled", true));
        assertThat(at(release, "values.toolkit.env")).isEqualTo(List.of(Map.of("name", "RUNTIME_CONFIG_SOURCE", "value", "file")));
        assertThat(at(release, "values.dcgmExporter.enabled")).isEqualTo(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void operatorNamespaceAdmitsCriticalPodsThroughAScopedQuota(String stack) {
        ProgramRun run = run(stack, "nvidia");
        Registration namespace = run.one(NAMESPACE, "nvidia-operator-ns");
        Registration quota = run.one(QUOTA, "nvidia-critical-pods");

        assertThat(at(namespace, "metadata.name")).isEqualTo("gpu-operator");
        assertThat(at(quota, "metadata.namespace")).isEqualTo("gpu-operator");
        assertThat(at(quota, "spec.hard.pods")).isEqualTo("100");
        assertThat(at(quota, "spec.scopeSelector.matchExpressions[0]")).isEqualTo(Map.of(
                "scopeName", "PriorityClass", "operator", "In",
                "values", List.of("system-node-critical", "system-cluster-critical")));
        // The quota's scope covers the priority the operands are given.
        assertThat(list(at(quota, "spec.scopeSelector.matchExpressions[0].values")))
                .contains(at(run.one(RELEASE, OPERATOR), "values.daemonsets.priorityClassName"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void gkeModeDeploysNoDriverNoOperatorNoPlugin(String stack) {
        ProgramRun run = run(stack, "gke");

        assertThat(run.onlyOne(ResourceTypes.DEVICE_PLUGIN_COMPONENT).name()).isEqualTo("nvidia");
        assertThat(run.ofType(DAEMON_SET)).isEmpty();
        // KEDA's releases are the autoscaler's, not GPU software.
        assertThat(run.ofType(RELEASE)).extracting(r -> r.name()).allMatch(name -> name.startsWith("autoscaling-"));
        for (var typeAndName : List.of(List.of(NAMESPACE, "nvidia-operator-ns"), List.of(QUOTA, "nvidia-critical-pods"),
                List.of(CONFIG_MAP, "nvidia-plugin-config"))) {
            assertThat(find(run, typeAndName.get(0), typeAndName.get(1))).as(typeAndName.toString()).isEmpty();
        }
    }

    /**
     * The invariant, checked on what is registered rather than assumed from the code: GKE's plugin runs on the
     * pool unless the pool carries the opt-out label; NVIDIA's runs when the operator is installed with its
     * device plugin on. Exactly one of them, whatever the sharing set-up.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("stacksWithSharingVariants")
    void exactlyOneDevicePluginServesThePool(String stack, String variant, Consumer<ObjectNode> sharing) {
        for (String mode : List.of("nvidia", "gke")) {
            ProgramRun run = ProgramRun.of(stack, GpuPoolVariants.edited(stack,
                    sharing.andThen(pool -> pool.put("devicePlugin", mode)))).assertSucceeded();
            Map<String, Object> labels = map(at(run.one(NODE_POOL, GPU_POOL), "nodeConfig.labels"));
            boolean gkePluginRuns = !"true".equals(labels.get("gke-no-default-nvidia-gpu-device-plugin"));
            boolean nvidiaPluginRuns = find(run, RELEASE, OPERATOR)
                    .map(release -> Boolean.TRUE.equals(at(release, "values.devicePlugin.enabled")))
                    .orElse(false);

            assertThat(List.of(gkePluginRuns, nvidiaPluginRuns)).as(mode + " mode: [GKE's, NVIDIA's] plugin runs")
                    .isEqualTo(mode.equals("nvidia") ? List.of(false, true) : List.of(true, false));
        }
    }

    /** What NVIDIA's plugin advertises per GPU matches what GKE was told about the pool (and its autoscaler plans with). */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("stacksWithSharingVariants")
    void pluginConfigMatchesThePoolsSharing(String stack, String variant, Consumer<ObjectNode> sharing) {
        ProgramRun run = ProgramRun.of(stack, GpuPoolVariants.edited(stack,
                sharing.andThen(pool -> pool.put("devicePlugin", "nvidia")))).assertSucceeded();
        Registration pool = run.one(NODE_POOL, GPU_POOL);
        Registration release = run.one(RELEASE, OPERATOR);
        Registration configMap = run.one(CONFIG_MAP, "nvidia-plugin-config");
        Map<String, Object> config = map(new Yaml().load(
                (String) at(configMap, "data." + at(release, "values.devicePlugin.config.default"))));

        assertThat(at(configMap, "metadata.name")).isEqualTo(at(release, "values.devicePlugin.config.name"));
        assertThat(at(configMap, "metadata.namespace")).isEqualTo(release.inputs().get("namespace"));

        Object poolClients = at(pool, "nodeConfig.guestAccelerators[0].gpuSharingConfig.maxSharedClientsPerGpu");
        Object replicas = at(config, "sharing.timeSlicing.resources[0].replicas");
        if (poolClients == null) {
            assertThat(replicas).isNull();
        } else {
            assertThat(at(pool, "nodeConfig.guestAccelerators[0].gpuSharingConfig.gpuSharingStrategy")).isEqualTo("TIME_SHARING");
            assertThat(at(config, "sharing.timeSlicing.resources[0].name")).isEqualTo("nvidia.com/gpu");
            assertThat(((Number) replicas).intValue()).isEqualTo(((Number) poolClients).intValue());
        }

        boolean poolIsPartitioned = at(pool, "nodeConfig.guestAccelerators[0].gpuPartitionSize") != null;
        String expectedMig = poolIsPartitioned ? "single" : "none";
        assertThat(at(config, "flags.migStrategy")).isEqualTo(expectedMig);
        assertThat(at(release, "values.mig.strategy")).isEqualTo(expectedMig);
        assertThat(at(release, "values.migManager.enabled")).isEqualTo(false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void everyInClusterObjectUsesTheClusterProviderAndWaitsForTheGpuPool(String stack) {
        var capture = new ResourceCapture();
        var config = Fixtures.config(stack, GpuPoolVariants.withDevicePlugin(stack, "nvidia"));
        var outcome = InProcessRun.run(ProgramRun.FILES.project(), stack, config, List.of(capture), App::stack);
        assertThat(outcome.failed()).isFalse();

        List<Captured> children = capture.inConstructionOrder().stream()
                .filter(c -> c.options().getParent().map(p -> p.pulumiResourceType().equals(ResourceTypes.DEVICE_PLUGIN_COMPONENT)).orElse(false))
                .toList();
        assertThat(children).extracting(Captured::name)
                .containsExactlyInAnyOrder(INSTALLER, OPERATOR, "nvidia-operator-ns", "nvidia-critical-pods", "nvidia-plugin-config");
        for (Captured child : children) {
            String name = child.name();
            assertThat(child.options().getProvider()).as(name + " provider").hasValueSatisfying(provider -> {
                assertThat(provider.pulumiResourceType()).isEqualTo(ResourceTypes.KUBERNETES_PROVIDER);
                assertThat(provider.pulumiResourceName()).isEqualTo("gke-k8s");
            });
            assertThat(child.dependsOn()).as(name + " dependsOn")
                    .anySatisfy(dep -> assertThat(dep.pulumiResourceType() + " " + dep.pulumiResourceName())
                            .isEqualTo(NODE_POOL + " " + GPU_POOL));
        }
    }

    @Test
    void refusesToInstallNvidiasPluginOnAPoolWhereGkesRuns() {
        var gkeManaged = new GpuPoolSettings("g2-standard-8", "nvidia-l4", 1, 0, 2, false, List.of(), 100,
                Sharing.NONE, DevicePlugin.GKE);

        assertThatThrownBy(() -> NvidiaDevicePlugin.requireGkePluginDisabled(gkeManaged))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gke-no-default-nvidia-gpu-device-plugin=true");
    }
}
