package gkeserving.program.serving;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.cluster.GpuScheduling;
import gkeserving.program.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link TfServingDeployment} and the {@link ServingPod} it runs, built from shipped stacks' settings without Pulumi. */
class TfServingDeploymentTest {
    private static final String IMAGE = "us-central1-docker.pkg.dev/p/serving/iris@sha256:" + "ab".repeat(32);
    private static final String POD = "spec.template.spec";
    private static final String CONTAINER = POD + ".containers[0]";

    static ServingPod pod(Settings s) {
        return new ServingPod(s.model(), s.serving(), s.gpuPool(), false, ServingLabels.of(s.model()),
                Output.of("tf-serving-iris-config"), Output.of("tf-serving-iris"), "checksum");
    }

    static Map<String, Object> deployment(Settings s) {
        return Fixtures.inputs(TfServingDeployment.args(ServingLabels.of(s.model()), Output.of(s.serving().namespace()),
                pod(s), Output.of(IMAGE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void podsLandOnlyOnTheGpuPoolAndTolerateExactlyItsTaint(String stack) {
        Settings s = Fixtures.settings(stack);
        var d = deployment(s);

        assertThat(at(d, POD + ".nodeSelector")).isEqualTo(Map.of(
                GpuScheduling.GKE_ACCELERATOR_LABEL, s.gpuPool().accelerator(), GpuScheduling.POOL_LABEL, "gpu"));
        assertThat(at(d, POD + ".tolerations")).isEqualTo(List.of(Map.of(
                "key", "nvidia.com/gpu", "operator", "Equal", "value", "present", "effect", "NoSchedule")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theContainerLimitsItsGpusCpuAndMemoryAsConfigured(String stack) {
        Settings s = Fixtures.settings(stack);
        var resources = s.serving().resources();
        var d = deployment(s);

        assertThat(at(d, CONTAINER + ".resources.limits")).isEqualTo(Map.of(
                GpuScheduling.GPU_RESOURCE, String.valueOf(s.serving().gpusPerReplica()),
                "cpu", resources.cpuLimit(), "memory", resources.memoryLimit()));
        assertThat(at(d, CONTAINER + ".resources.requests")).isEqualTo(Map.of(
                "cpu", resources.cpuRequest(), "memory", resources.memoryRequest()));
        assertThat(at(d, CONTAINER + ".image")).isEqualTo(IMAGE);
    }

    @Test
    void moreGpusPerReplicaRaiseTheLimit() {
        Settings s = Fixtures.settings("dev", Map.of(
                Fixtures.GPU_POOL, "{\"machineType\":\"g2-standard-24\",\"accelerator\":\"nvidia-l4\",\"acceleratorCount\":2,\"maxNodes\":2}",
                Fixtures.SERVING, "{\"gpusPerReplica\":2}"));

        assertThat(TfServingProgramTest.map(at(deployment(s), CONTAINER + ".resources.limits"))).containsEntry(GpuScheduling.GPU_RESOURCE, "2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theAutoscalerOwnsTheCountAndTheDeploymentSelectsItsPods(String stack) {
        Settings s = Fixtures.settings(stack);
        var d = deployment(s);
        var labels = ServingLabels.of(s.model());

        assertThat(at(d, "spec.replicas")).isNull();
        assertThat(at(d, "spec.selector.matchLabels")).isEqualTo(labels.selector());
        assertThat(at(d, "spec.template.metadata.labels")).isEqualTo(labels.labels());
        assertThat(at(d, "metadata.name")).isEqualTo("tf-serving-" + s.model().name());
        assertThat(at(d, "metadata.namespace")).isEqualTo(s.serving().namespace());
    }

    @Test
    void theRolloutBudgetCoversNodeProvisioningAndTheModelLoadAndPulumiWaitsAMinuteLonger() {
        Settings s = Fixtures.devWithServing("{\"startupTimeoutSeconds\":300}");

        assertThat(at(deployment(s), "spec.progressDeadlineSeconds")).isEqualTo(900.0);
        var timeouts = TfServingDeployment.rolloutTimeouts(pod(s));
        assertThat(timeouts.getCreate()).contains(Duration.ofSeconds(960));
        assertThat(timeouts.getUpdate()).contains(Duration.ofSeconds(960));
    }

    @Test
    void withAGpuToSpareARolloutSurgesOnePodAndRemovesNoneEarly() {
        // staging and prod keep one node more than maxReplicas.
        for (String stack : List.of("staging", "prod")) {
            assertThat(at(deployment(Fixtures.settings(stack)), "spec.strategy.rollingUpdate"))
                    .as(stack).isEqualTo(Map.of("maxSurge", 1.0, "maxUnavailable", 0.0));
        }
    }

    @Test
    void withoutAGpuToSpareARolloutReplacesOnePodAtATime() {
        // dev: gpuPool.maxNodes 2 = maxReplicas 2; a surge pod at full scale would wait for a GPU forever.
        assertThat(at(deployment(Fixtures.settings("dev")), "spec.strategy.rollingUpdate"))
                .isEqualTo(Map.of("maxSurge", 0.0, "maxUnavailable", 1.0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"staging", "prod"})
    void twoOrMoreReplicasOnAMultiZonePoolMustRunInTwoZones(String stack) {
        Settings s = Fixtures.settings(stack);

        assertThat(at(deployment(s), POD + ".topologySpreadConstraints")).isEqualTo(List.of(Map.of(
                "maxSkew", 1.0,
                "topologyKey", "topology.kubernetes.io/zone",
                "whenUnsatisfiable", "DoNotSchedule",
                "minDomains", 2.0,
                "labelSelector", Map.of("matchLabels", ServingLabels.of(s.model()).selector()),
                "matchLabelKeys", List.of("pod-template-hash"))));
    }

    @Test
    void aSingleReplicaMayStayInOneZoneAndASingleZonePoolGetsNoSpread() {
        var oneReplica = deployment(Fixtures.settings("prod", Map.of(
                Fixtures.SERVING, "{\"autoscaling\":{\"minReplicas\":1,\"maxReplicas\":6}}")));
        assertThat(at(oneReplica, POD + ".topologySpreadConstraints[0].whenUnsatisfiable")).isEqualTo("ScheduleAnyway");
        assertThat(at(oneReplica, POD + ".topologySpreadConstraints[0].minDomains")).isNull();
        assertThat(at(deployment(Fixtures.settings("dev")), POD + ".topologySpreadConstraints")).isNull();
    }

    private static final String H100_POOL = "{\"machineType\":\"a3-highgpu-1g\",\"accelerator\":\"nvidia-h100-80gb\","
            + "\"acceleratorCount\":1,\"maxNodes\":3}";

    @Test
    void onH100TheStartupBudgetCoversJitCompilingTensorFlowsKernels() {
        // TF Serving 2.18 ships SASS up to sm_80 and PTX for compute_90: an H100 (9.0) JIT-compiles every kernel.
        var h100 = deployment(Fixtures.settings("dev", Map.of(Fixtures.GPU_POOL, H100_POOL,
                Fixtures.SERVING, "{\"startupTimeoutSeconds\":600}")));
        double period = (Double) at(h100, CONTAINER + ".startupProbe.periodSeconds");
        double failures = (Double) at(h100, CONTAINER + ".startupProbe.failureThreshold");

        assertThat(period * failures).isEqualTo(600.0 + 1800.0);
        assertThat(at(h100, "spec.progressDeadlineSeconds")).isEqualTo(600.0 + 600.0 + 1800.0);
    }

    @Test
    void onAGpuWithNativeKernelsTheStartupBudgetIsTheModelLoadAlone() {
        var l4 = deployment(Fixtures.devWithServing("{\"startupTimeoutSeconds\":600}"));

        assertThat((Double) at(l4, CONTAINER + ".startupProbe.periodSeconds")
                * (Double) at(l4, CONTAINER + ".startupProbe.failureThreshold")).isEqualTo(600.0);
        assertThat(at(l4, "spec.progressDeadlineSeconds")).isEqualTo(1200.0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", H100_POOL})
    void theCudaJitCacheIsAWritableSizedEmptyDir(String poolOrStack) {
        Settings s = poolOrStack.equals("dev") ? Fixtures.settings("dev")
                : Fixtures.settings("dev", Map.of(Fixtures.GPU_POOL, poolOrStack));
        var d = deployment(s);

        assertThat(TfServingProgramTest.list(at(d, CONTAINER + ".env"))).containsExactlyInAnyOrder(
                Map.of("name", "CUDA_CACHE_PATH", "value", "/cuda-cache"),
                Map.of("name", "CUDA_CACHE_MAXSIZE", "value", String.valueOf(1536L * 1024 * 1024)));
        assertThat(TfServingProgramTest.list(at(d, CONTAINER + ".volumeMounts")))
                .contains(Map.of("name", "cuda-cache", "mountPath", "/cuda-cache"));
        assertThat(TfServingProgramTest.list(at(d, POD + ".volumes")))
                .contains(Map.of("name", "cuda-cache", "emptyDir", Map.of("sizeLimit", "2Gi")));
        // The root filesystem stays read-only: the cache is only writable because it is a mounted volume.
        assertThat(at(d, CONTAINER + ".securityContext.readOnlyRootFilesystem")).isEqualTo(true);
    }
}
