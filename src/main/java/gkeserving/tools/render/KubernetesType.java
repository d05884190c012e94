package gkeserving.tools.render;

import gkeserving.program.ResourceTypes;
import java.util.Optional;

/**
 * The Kubernetes apiVersion and kind behind a Pulumi type token: {@code kubernetes:apps/v1:Deployment}
 * → {@code apps/v1 Deployment}; the core group has no prefix ({@code kubernetes:core/v1:Service} →
 * {@code v1 Service}).
 */
record KubernetesType(String apiVersion, String kind) {
    static final String HELM_RELEASE = ResourceTypes.HELM_RELEASE;

    /** Empty for tokens that are not one Kubernetes object (other providers, the provider itself). */
    static Optional<KubernetesType> of(String token) {
        String[] parts = token.split(":");
        if (parts.length != 3 || !parts[0].equals("kubernetes") || !parts[1].contains("/") || parts[2].isEmpty()) {
            return Optional.empty();
        }
        String groupVersion = parts[1].startsWith("core/") ? parts[1].substring("core/".length()) : parts[1];
        return Optional.of(new KubernetesType(groupVersion, parts[2]));
    }
}
