package gkeserving.program.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Names checked by the rule of the API that receives them, so a name the cloud would refuse minutes into
 * {@code pulumi up} is refused before anything is registered. Each check adds at most one message, naming
 * the key as the user wrote it, and returns whether the name passed.
 */
final class CloudNames {
    /** Kubernetes DNS-1123 label (namespaces): lowercase alphanumerics and '-', at most 63. */
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Resource Manager: 6 to 30 lowercase letters, digits and hyphens, from a letter, not ending with a hyphen. */
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    /** GCP label values: at most 63 lowercase letters, digits, '_' and '-'. */
    private static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9_-]{0,63}");
    /**
     * Namespaces that belong to Kubernetes or GKE: {@code default}, {@code kube-*} (kube-system, kube-public,
     * kube-node-lease), {@code gke-*} (gke-managed-*, gke-gmp-system, gke-connect) and Managed Prometheus's
     * {@code gmp-system} and {@code gmp-public}. The program creates its namespaces and deletes them on
     * destroy, so none of these may be one.
     */
    private static final List<String> RESERVED_NAMESPACES = List.of("default", "gmp-system", "gmp-public");
    private static final List<String> RESERVED_PREFIXES = List.of("kube-", "gke-");

    private CloudNames() {
    }

    /** A namespace the program creates and deletes: a DNS-1123 label that Kubernetes or GKE does not own. */
    static boolean ownNamespace(String key, String name, Problems p) {
        if (!p.check(DNS_1123_LABEL.matcher(name).matches(), key + " (" + name + ") must be a Kubernetes namespace"
                + " name: at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit")) {
            return false;
        }
        return p.check(!reservedNamespace(name), key + " (" + name + ") must be a namespace of its own, not one that"
                + " Kubernetes or GKE owns (default, kube-*, gke-*, gmp-system, gmp-public): the program creates it and"
                + " deletes it with the stack");
    }

    static boolean reservedNamespace(String name) {
        return RESERVED_NAMESPACES.contains(name) || RESERVED_PREFIXES.stream().anyMatch(name::startsWith);
    }

    static boolean projectId(String key, String id, Problems p) {
        return p.check(PROJECT_ID.matcher(id).matches(), key + " (" + id + ") must be a GCP project id: 6 to 30"
                + " lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen"
                + " (the id, not the project's display name or number)");
    }

    static boolean region(String key, String region, Problems p) {
        return p.check(GcpLocations.isRegion(region), key + " (" + region + ") must be a GCP region such as us-central1"
                + (GcpLocations.isZone(region) ? " (" + region + " is a zone of " + GcpLocations.regionOf(region) + ")" : ""));
    }

    /** The stack name is the cluster's GCP label {@code env}. */
    static boolean stackLabel(String stack, Problems p) {
        return p.check(LABEL_VALUE.matcher(stack).matches(), "the stack name (" + stack + ") becomes the cluster's"
                + " GCP label env=" + stack + ", and GCP label values are at most 63 lowercase letters, digits, '_' and"
                + " '-': use a stack name such as dev or prod-eu");
    }

    /** An image by digest in Artifact Registry: the nodes pull with their own service account, granted Artifact Registry reads only. */
    static boolean artifactRegistryDigest(String key, String reference, Problems p) {
        if (!p.check(ImageReference.parse(reference).isPresent(),
                key + " (" + reference + ") must be a digest reference <registry>/<path>@sha256:<64 hex digits>")) {
            return false;
        }
        return p.check(ImageReference.parse(reference).flatMap(ImageReference::registry).isPresent(), key + " ("
                + reference + ") must be an image in Artifact Registry: <region>-docker.pkg.dev/<project>/<repository>/<image>"
                + "@sha256:<digest>, or the multi-region hosts " + String.join(", ", ArtifactRegistry.MULTI_REGIONS.stream()
                .map(location -> location + "-docker.pkg.dev").toList()));
    }
}
