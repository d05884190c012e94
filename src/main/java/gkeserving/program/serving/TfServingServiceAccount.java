package gkeserving.program.serving;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;

/** The pod's own identity, so it never runs as the namespace's default account. */
final class TfServingServiceAccount {
    private TfServingServiceAccount() {
    }

    static ServiceAccountArgs args(ServingLabels labels, Output<String> namespace) {
        return ServiceAccountArgs.builder()
                .metadata(labels.workloadMetadata(namespace))
                // TF Serving never calls the Kubernetes API: no token.
                .automountServiceAccountToken(false)
                .build();
    }
}
