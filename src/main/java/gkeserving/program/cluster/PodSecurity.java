package gkeserving.program.cluster;

import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kubernetes' Pod Security Standards, enforced per namespace by a label: the API server refuses any pod
 * in that namespace that does not meet the namespace's level.
 */
public enum PodSecurity {
    RESTRICTED("restricted"),
    PRIVILEGED("privileged");

    public static final String ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

    private final String level;

    PodSecurity(String level) {
        this.level = level;
    }

    /** A namespace named {@code name} that enforces this level, with {@code labels} besides. */
    public NamespaceArgs namespace(String name, Map<String, String> labels) {
        var all = new LinkedHashMap<>(labels);
        all.put(ENFORCE_LABEL, level);
        return NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).labels(Map.copyOf(all)).build())
                .build();
    }
}
