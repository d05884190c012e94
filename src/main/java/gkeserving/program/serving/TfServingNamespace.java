package gkeserving.program.serving;

import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import gkeserving.program.config.ServingSettings;

/** The serving namespace; the program creates it and deletes it with the stack. */
final class TfServingNamespace {
    static final String POD_SECURITY_LABEL = "pod-security.kubernetes.io/enforce";

    private TfServingNamespace() {
    }

    static NamespaceArgs args(ServingSettings serving, ServingLabels labels) {
        return NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(serving.namespace())
                        // The pod meets the restricted Pod Security Standard; enforcing it keeps every pod here that way.
                        .labels(ServingLabels.with(labels.labels(), POD_SECURITY_LABEL, "restricted"))
                        .build())
                .build();
    }
}
