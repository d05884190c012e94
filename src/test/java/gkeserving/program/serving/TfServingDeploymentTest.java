package gkeserving.program.serving;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.cluster.GpuScheduling;
import gkeserving.program.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    static Map<String, Object> deployment(Settings s) {
        var labels = ServingLabels.of(s.model());
        var pod = new ServingPod(s.model(), s.serving(), s.gpuPool(), false, labels,
                Output.of("tf-serving-iris-config"), Output.of("tf-serving-iris"), "checksum");
        return Fixtures.inputs(TfServingDeployment.args(labels, Output.of(s.serving().namespace()), pod, Output.of(IMAGE)));
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
    void theAutoscalerOwnsTheCountAndARolloutSurgesOneAndRemovesNoneEarly(String stack) {
        Settings s = Fixtures.settings(stack);
        var d = deployment(s);
        var labels = ServingLabels.of(s.model());

        assertThat(at(d, "spec.replicas")).isNull();
        assertThat(at(d, "spec.strategy.rollingUpdate")).isEqualTo(Map.of("maxSurge", 1.0, "maxUnavailable", 0.0));
        assertThat(at(d, "spec.selector.matchLabels")).isEqualTo(labels.selector());
        assertThat(at(d, "spec.template.metadata.labels")).isEqualTo(labels.labels());
        assertThat(at(d, "metadata.name")).isEqualTo("tf-serving-" + s.model().name());
        assertThat(at(d, "metadata.namespace")).isEqualTo(s.serving().namespace());
    }

    @Test
    void theRolloutBudgetCoversNodeProvisioningAndTheModelLoadAndPulumiWaitsAMinuteLonger() {
        Settings s = Fixtures.devWithServing("{\"startupTimeoutSeconds\":300}");

        assertThat(at(deployment(s), "spec.progressDeadlineSeconds")).isEqualTo(900.0);
        var timeouts = TfServingDeployment.rolloutTimeouts(s.serving());
        assertThat(timeouts.getCreate()).contains(Duration.ofSeconds(960));
        assertThat(timeouts.getUpdate()).contains(Duration.ofSeconds(960));
    }
}
