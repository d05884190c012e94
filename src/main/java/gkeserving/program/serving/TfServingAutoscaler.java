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
import gkeserving.program.config.ServingSettings;

/**
 * The autoscaler of the Deployment, bounded by {@code serving.autoscaling}. Scaling is driven by CPU:
 * TF Serving's request handling and batching show up there, and it needs no metrics adapter. Behaviour,
 * tuned for replicas that each take a GPU node and minutes to become ready:
 * <ul>
 *   <li>up: no stabilisation, and up to double (at least 2 pods) per minute, so a burst is met as soon
 *       as it shows, since capacity arrives late anyway;</li>
 *   <li>down: a 10-minute stabilisation window and one pod per 2 minutes, because a replica given back
 *       too eagerly costs a node scale-up and a model load to get back.</li>
 * </ul>
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
                                        .stabilizationWindowSeconds(0)
                                        .selectPolicy("Max")
                                        .policies(policy("Percent", 100, 60), policy("Pods", 2, 60))
                                        .build())
                                .scaleDown(HPAScalingRulesArgs.builder()
                                        .stabilizationWindowSeconds(600)
                                        .policies(policy("Pods", 1, 120))
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
