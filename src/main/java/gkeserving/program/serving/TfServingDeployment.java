package gkeserving.program.serving;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.resources.CustomTimeouts;
import gkeserving.program.config.Rollout;

/**
 * The Deployment running {@link ServingPod}. No {@code replicas}: the autoscaler owns the count, and a value
 * here would reset it on every update. The rollout surges one pod when the pool has a GPU to spare for it and
 * otherwise replaces one pod at a time ({@link Rollout}): a surge pod with no GPU to land on stalls the rollout.
 */
final class TfServingDeployment {
    private TfServingDeployment() {
    }

    /** @param image the serving image by digest */
    static DeploymentArgs args(ServingLabels labels, Output<String> namespace, ServingPod pod, Output<String> image) {
        Rollout rollout = Rollout.of(pod.gpuPool(), pod.serving());
        return DeploymentArgs.builder()
                .metadata(labels.workloadMetadata(namespace))
                .spec(DeploymentSpecArgs.builder()
                        .selector(labels.selectorArgs())
                        .strategy(DeploymentStrategyArgs.builder()
                                .type("RollingUpdate")
                                .rollingUpdate(RollingUpdateDeploymentArgs.builder()
                                        .maxUnavailable(rollout.maxUnavailable).maxSurge(rollout.maxSurge).build())
                                .build())
                        .progressDeadlineSeconds(pod.startup().rolloutDeadlineSeconds())
                        .template(pod.template(image))
                        .build())
                .build();
    }

    /** Pulumi waits for the rollout as long as Kubernetes does, and a minute more ({@link StartupBudget}). */
    static CustomTimeouts rolloutTimeouts(ServingPod pod) {
        return pod.startup().pulumiTimeouts();
    }
}
