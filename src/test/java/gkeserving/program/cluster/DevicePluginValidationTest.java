package gkeserving.program.cluster;

import gkeserving.program.ProgramRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Combinations the device-plugin set-up cannot serve are refused with one message, before anything is registered. */
class DevicePluginValidationTest {
    private static final String GPU_OPERATOR = "gke-gpu-serving:gpuOperator";

    private static void assertRefused(ProgramRun run, String problem) {
        assertThat(run.outcome().result().exceptions()).as("exceptions").isEmpty();
        assertThat(run.errors()).as("logged errors").hasSize(1);
        assertThat(run.errors().get(0)).startsWith("invalid stack configuration (1 problem):").contains(problem);
        assertThat(run.registrations()).as("registered resources").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void migOnAnL4IsRefused(String stack) {
        var run = ProgramRun.of(stack, GpuPoolVariants.edited(stack,
                pool -> pool.putObject("sharing").put("strategy", "mig").put("partitionSize", "1g.5gb")));

        assertRefused(run, "gpuPool.sharing.strategy mig needs an A100 or H100; gpuPool.accelerator is nvidia-l4");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void unknownDevicePluginIsRefused(String stack) {
        var run = ProgramRun.of(stack, GpuPoolVariants.withDevicePlugin(stack, "gpu-operator"));

        assertRefused(run, "gpuPool.devicePlugin (gpu-operator) must be one of nvidia, gke");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void operatorCannotShareKubeSystem(String stack) {
        var run = ProgramRun.of(stack, Map.of(GPU_OPERATOR, "{\"namespace\": \"kube-system\"}"));

        assertRefused(run, "gpuOperator.namespace (kube-system) must be a namespace of its own");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void operatorChartVersionMustBePinned(String stack) {
        var run = ProgramRun.of(stack, Map.of(GPU_OPERATOR, "{\"version\": \"latest\"}"));

        assertRefused(run, "gpuOperator.version (latest) must be one of the GPU Operator releases whose supported"
                + " Kubernetes range this program records: v25.10.0, v25.10.1, v26.3.0, v26.3.1, v26.3.2, v26.3.3, v26.7.0");
    }

    /** The old default: pinned, but its Kubernetes range (up to 1.32) is not recorded, and its chart needs cdi.default. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void operatorReleaseWithoutARecordedRangeIsRefused(String stack) {
        var run = ProgramRun.of(stack, Map.of(GPU_OPERATOR, "{\"version\": \"v25.3.0\"}"));

        assertRefused(run, "gpuOperator.version (v25.3.0) must be one of the GPU Operator releases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void operatorSettingsAreNotJudgedWhenGkeRunsThePlugin(String stack) {
        var overrides = new HashMap<>(GpuPoolVariants.withDevicePlugin(stack, "gke"));
        overrides.put(GPU_OPERATOR, "{\"version\": \"latest\"}");

        ProgramRun.of(stack, overrides).assertSucceeded();
    }
}
