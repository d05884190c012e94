package gkeserving.program.serving;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingPolicyArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingRulesArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerBehaviorArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ResourceMetricSourceArgs;
import gkeserving.program.autoscaling.Behavior;
import gkeserving.program.config.ServingSettings;

/**
 * The plain CPU autoscaler of the Deployment ({@code serving.autoscaling.metric: cpu}), bounded by
 * {@code serving.autoscaling}: it needs no add-on. Behaviour: {@link Behavior}. Every other metric is KEDA's.
 */
final class TfServingAutoscaler {
    private TfServingAutoscaler() {
    }

    /** @param deploymentName the Deployment's name as an output, so the autoscaler waits for it */
    static HorizontalPodAutoscalerArgs args(ServingLabels labels, Output<String> namespace,
                                            ServingSettings.Autoscaling autoscaling, Output<String> deploymentName) {
        return HorizontalPodAutoscalerArgs.builder()
                .metadata(labels.workloadMetadata(namespace))
                .spec(HorizontalPodAutoscalerSpecArgs.builder()
                        .scaleTargetRef(CrossVersionObjectReferenceArgs.builder()
                                .apiVersion("apps/v1").kind("Deployment").name(deploymentName).build())
                        .minReplicas(autoscaling.minReplicas())
                        .maxReplicas(autoscaling.maxReplicas())
                        .metrics(cpuUtilization(autoscaling.targetCpuUtilization()))
                        .behavior(HorizontalPodAutoscalerBehaviorArgs.builder()
                                .scaleUp(HPAScalingRulesArgs.builder()
                                        .stabilizationWindowSeconds(Behavior.UP_WINDOW_SECONDS)
                                        .selectPolicy("Max")
                                        .policies(policy("Percent", Behavior.UP_PERCENT, Behavior.UP_PERIOD_SECONDS),
                                                policy("Pods", Behavior.UP_PODS, Behavior.UP_PERIOD_SECONDS))
                                        .build())
                                .scaleDown(HPAScalingRulesArgs.builder()
                                        .stabilizationWindowSeconds(Behavior.DOWN_WINDOW_SECONDS)
                                        .policies(policy("Pods", Behavior.DOWN_PODS, Behavior.DOWN_PERIOD_SECONDS))
                                        .build())
                                .build())
                        .build())
                .build();
    }

    private static MetricSpecArgs cpuUtilization(int targetPercent) {
        return MetricSpecArgs.builder()
                .type("Resource")
                .resource(ResourceMetricSourceArgs.builder()
                        .name("cpu")
                        .target(MetricTargetArgs.builder().type("Utilization").averageUtilization(targetPercent).build())
                        .build())
                .build();
    }

    private static HPAScalingPolicyArgs policy(String type, int value, int periodSeconds) {
        return HPAScalingPolicyArgs.builder().type(type).value(value).periodSeconds(periodSeconds).build();
    }
}
