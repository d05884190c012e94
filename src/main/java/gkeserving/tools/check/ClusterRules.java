package gkeserving.tools.check;

import gkeserving.program.ResourceTypes;
import gkeserving.tools.render.RenderedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The GKE cluster and its node pools, against the CIS GKE Benchmark (v1.5.0) and GKE's hardening guide. */
final class ClusterRules {
    private static final String CIS = "CIS GKE Benchmark 1.5.0 ";
    /**
     * What a node needs (logging, monitoring, image pulls), per GKE's hardening guide; nothing that administers.
     * serviceUsageConsumer is what image streaming needs on a custom node account (terraform-google-kubernetes-engine#2251).
     */
    static final Set<String> NODE_ROLES = Set.of(
            "roles/container.defaultNodeServiceAccount",
            "roles/serviceusage.serviceUsageConsumer",
            "roles/logging.logWriter",
            "roles/monitoring.metricWriter",
            "roles/monitoring.viewer",
            "roles/stackdriver.resourceMetadata.writer",
            "roles/autoscaling.metricsWriter",
            "roles/artifactregistry.reader");

    private ClusterRules() {
    }

    static List<Rule> rules() {
        return List.of(
                new Rule("node-service-account", "nodes run as a dedicated service account, not the Compute Engine default",
                        CIS + "5.2.1", t -> pools(t, "nodeConfig.serviceAccount", ClusterRules::dedicated)),
                new Rule("node-service-account-roles", "the node service account holds only node roles",
                        CIS + "5.2.1; GKE hardening guide: use least privilege Google service accounts", ClusterRules::nodeRoles),
                new Rule("workload-identity", "Workload Identity on the cluster, the GKE metadata server on every pool",
                        CIS + "5.2.2, 5.4.2", t -> {
                            List<Finding> findings = new ArrayList<>(clusters(t, "workloadIdentityConfig.workloadPool",
                                    v -> v != null && !v.isBlank()));
                            findings.addAll(pools(t, "nodeConfig.workloadMetadataConfig.mode", "GKE_METADATA"::equals));
                            return findings;
                        }),
                new Rule("shielded-nodes", "shielded nodes with secure boot and integrity monitoring",
                        CIS + "5.5.5, 5.5.6, 5.5.7", t -> {
                            List<Finding> findings = new ArrayList<>(clusters(t, "enableShieldedNodes", "true"::equals));
                            findings.addAll(pools(t, "nodeConfig.shieldedInstanceConfig.enableSecureBoot", "true"::equals));
                            findings.addAll(pools(t, "nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring",
                                    "true"::equals));
                            return findings;
                        }),
                new Rule("cos-nodes", "nodes run Container-Optimized OS with containerd",
                        CIS + "5.5.1", t -> pools(t, "nodeConfig.imageType", "COS_CONTAINERD"::equals)),
                new Rule("node-auto-repair", "node auto-repair is on", CIS + "5.5.2",
                        t -> pools(t, "management.autoRepair", "true"::equals)),
                new Rule("node-auto-upgrade", "node auto-upgrade is on", CIS + "5.5.3",
                        t -> pools(t, "management.autoUpgrade", "true"::equals)),
                new Rule("release-channel", "the cluster follows a release channel", CIS + "5.5.4",
                        t -> clusters(t, "releaseChannel.channel", v -> Set.of("RAPID", "REGULAR", "STABLE").contains(v))),
                new Rule("authorized-networks", "the control plane admits only authorised networks, never 0.0.0.0/0",
                        CIS + "5.6.3", t -> clusters(t, "masterAuthorizedNetworksConfig.cidrBlocks", ClusterRules::authorised)),
                new Rule("private-nodes", "nodes have private addresses only", CIS + "5.6.5",
                        t -> clusters(t, "privateClusterConfig.enablePrivateNodes", "true"::equals)),
                new Rule("network-policy-enforcement", "NetworkPolicy is enforced (Dataplane V2)",
                        CIS + "5.6.7; GKE hardening guide: restrict traffic among Pods with a network policy",
                        t -> clusters(t, "datapathProvider", "ADVANCED_DATAPATH"::equals)),
                new Rule("secrets-encryption", "Secrets in etcd are encrypted with a Cloud KMS key",
                        CIS + "5.3.1; GKE hardening guide: encrypt Secrets at the application layer", t -> {
                            List<Finding> findings = new ArrayList<>(clusters(t, "databaseEncryption.state", "ENCRYPTED"::equals));
                            findings.addAll(clusters(t, "databaseEncryption.keyName", v -> v != null && !v.isBlank()));
                            return findings;
                        }),
                new Rule("binary-authorization", "Binary Authorization enforces the project's policy",
                        CIS + "5.10.5", t -> clusters(t, "binaryAuthorization.evaluationMode",
                        "PROJECT_SINGLETON_POLICY_ENFORCE"::equals)));
    }

    static List<Finding> clusters(CheckTarget t, String field, Predicate<String> ok) {
        return check(t.ofType(ResourceTypes.CLUSTER), field, ok);
    }

    private static List<Finding> pools(CheckTarget t, String field, Predicate<String> ok) {
        return check(t.ofType(ResourceTypes.NODE_POOL), field, ok);
    }

    private static List<Finding> check(List<RenderedResource> resources, String field, Predicate<String> ok) {
        return resources.stream().map(r -> {
            String value = Tree.text(r.inputs(), field);
            return Finding.of(r.name(), field, ok.test(value), value == null ? "not set" : value);
        }).toList();
    }

    private static boolean dedicated(String email) {
        return email != null && !email.isBlank() && !email.equals("default")
                && !email.endsWith("-compute@developer.gserviceaccount.com");
    }

    private static boolean authorised(String cidrBlocks) {
        return cidrBlocks != null && !cidrBlocks.equals("[]") && !cidrBlocks.contains("0.0.0.0/0");
    }

    /** Every project role granted to an account the node pools run as. */
    private static List<Finding> nodeRoles(CheckTarget t) {
        Set<String> members = new TreeSet<>();
        t.ofType(ResourceTypes.NODE_POOL).stream().map(p -> Tree.text(p.inputs(), "nodeConfig.serviceAccount"))
                .filter(Objects::nonNull).forEach(email -> members.add("serviceAccount:" + email));
        return t.ofType(ResourceTypes.PROJECT_IAM_MEMBER).stream()
                .filter(m -> members.contains(Tree.text(m.inputs(), "member")))
                .map(m -> {
                    String role = Tree.text(m.inputs(), "role");
                    return Finding.of(m.name(), "role", NODE_ROLES.contains(role), role);
                }).toList();
    }
}
