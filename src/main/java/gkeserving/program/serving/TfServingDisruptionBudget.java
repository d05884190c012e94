package gkeserving.program.serving;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import gkeserving.program.config.ServingSettings;

import java.util.Optional;

/** Keeps one serving pod through voluntary disruptions (node drains, pool upgrades) when there is a replica to spare. */
final class TfServingDisruptionBudget {
    private TfServingDisruptionBudget() {
    }

    /** Empty for a single replica: a budget of one would then block every node drain (and so every pool upgrade). */
    static Optional<PodDisruptionBudgetArgs> args(ServingLabels labels, Output<String> namespace,
                                                  ServingSettings.Autoscaling autoscaling) {
        if (autoscaling.minReplicas() <= 1) {
            return Optional.empty();
        }
        return Optional.of(PodDisruptionBudgetArgs.builder()
                .metadata(labels.workloadMetadata(namespace))
                .spec(PodDisruptionBudgetSpecArgs.builder()
                        .minAvailable(1)
                        .selector(labels.selectorArgs())
                        // A pod that is not ready protects nothing; let drains evict it.
                        .unhealthyPodEvictionPolicy("AlwaysAllow")
                        .build())
                .build());
    }
}
