package gkeserving.program.serving;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.resources.CustomTimeouts;
import gkeserving.program.config.ServingSettings;

import java.time.Duration;

/**
 * The Deployment running {@link ServingPod}. No {@code replicas}: the autoscaler owns the count, and a value
 * here would reset it on every update. One extra pod at a time and none taken away before its replacement is
 * ready: GPU capacity is scarce, and serving capacity must not dip during a rollout.
 */
final class TfServingDeployment {
    /**
     * A GPU node scaled up from zero, plus pulling a multi-gigabyte serving image, before the startup
     * probe's own budget even starts.
     */
    static final Duration NODE_PROVISIONING_ALLOWANCE = Duration.ofMinutes(10);

    private TfServingDeployment() {
    }

    /** @param image the serving image by digest */
    static DeploymentArgs args(ServingLabels labels, Output<String> namespace, ServingPod pod, Output<String> image) {
        return DeploymentArgs.builder()
                .metadata(labels.workloadMetadata(namespace))
                .spec(DeploymentSpecArgs.builder()
                        .selector(labels.selectorArgs())
                        .strategy(DeploymentStrategyArgs.builder()
                                .type("RollingUpdate")
                                .rollingUpdate(RollingUpdateDeploymentArgs.builder().maxUnavailable(0).maxSurge(1).build())
                                .build())
                        .progressDeadlineSeconds(rolloutBudgetSeconds(pod.serving()))
                        .template(pod.template(image))
                        .build())
                .build();
    }

    /** Node provisioning plus the model-load budget; the default 600 s would call a slow GPU scale-up a failure. */
    static int rolloutBudgetSeconds(ServingSettings serving) {
        return (int) NODE_PROVISIONING_ALLOWANCE.toSeconds() + serving.startupTimeoutSeconds();
    }

    /** Pulumi waits for the rollout; give up only after Kubernetes itself would have reported it stuck. */
    static CustomTimeouts rolloutTimeouts(ServingSettings serving) {
        Duration budget = Duration.ofSeconds(rolloutBudgetSeconds(serving)).plusMinutes(1);
        return CustomTimeouts.builder().create(budget).update(budget).build();
    }
}
