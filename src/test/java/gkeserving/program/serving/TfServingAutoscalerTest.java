package gkeserving.program.serving;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.config.Settings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link TfServingAutoscaler} from shipped stacks' settings, without Pulumi. */
class TfServingAutoscalerTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void scalesTheDeploymentOnCpuWithinTheConfiguredBounds(String stack) {
        Settings s = Fixtures.settings(stack);
        var autoscaling = s.serving().autoscaling();
        var hpa = Fixtures.inputs(TfServingAutoscaler.args(ServingLabels.of(s.model()), Output.of("serving"),
                autoscaling, Output.of("tf-serving-iris-x1")));

        assertThat(at(hpa, "spec.scaleTargetRef")).isEqualTo(Map.of(
                "apiVersion", "apps/v1", "kind", "Deployment", "name", "tf-serving-iris-x1"));
        assertThat(at(hpa, "spec.minReplicas")).isEqualTo((double) autoscaling.minReplicas());
        assertThat(at(hpa, "spec.maxReplicas")).isEqualTo((double) autoscaling.maxReplicas());
        assertThat(at(hpa, "spec.metrics")).isEqualTo(List.of(Map.of("type", "Resource", "resource", Map.of("name", "cpu",
                "target", Map.of("type", "Utilization", "averageUtilization", (double) autoscaling.targetCpuUtilization())))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void upAtOnceAndDownSlowly(String stack) {
        Settings s = Fixtures.settings(stack);
        var hpa = Fixtures.inputs(TfServingAutoscaler.args(ServingLabels.of(s.model()), Output.of("serving"),
                s.serving().autoscaling(), Output.of("tf-serving-iris")));

        assertThat(at(hpa, "spec.behavior.scaleUp.stabilizationWindowSeconds")).isEqualTo(0.0);
        assertThat(at(hpa, "spec.behavior.scaleUp.policies")).isEqualTo(List.of(
                Map.of("type", "Percent", "value", 100.0, "periodSeconds", 60.0),
                Map.of("type", "Pods", "value", 2.0, "periodSeconds", 60.0)));
        assertThat(at(hpa, "spec.behavior.scaleDown.stabilizationWindowSeconds")).isEqualTo(600.0);
        assertThat(at(hpa, "spec.behavior.scaleDown.policies")).isEqualTo(List.of(
                Map.of("type", "Pods", "value", 1.0, "periodSeconds", 120.0)));
    }
}
