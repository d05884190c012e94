package gkeserving.program.cluster;

import com.pulumi.core.Output;
import com.pulumi.gcp.artifactregistry.RepositoryIamMemberArgs;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import gkeserving.program.config.ArtifactRegistry;
import gkeserving.program.config.GcpSettings;

import java.util.ArrayList;
import java.util.List;

/** The nodes' own least-privilege service account (never the default compute account) and its grants. */
final class NodeIdentity {
    /**
     * GKE's documented minimum for a custom node service account ("Configure GKE node service accounts"): it lets
     * the node write system and workload logs (logging.logEntries.create) and metrics (monitoring.timeSeries.create
     * and metric descriptors) and the HPA's performance-profile metrics (autoscaling.sites.writeMetrics), i.e. what
     * roles/logging.logWriter and roles/monitoring.metricWriter gave, which it replaces. It holds no Artifact Registry
     * read and, unlike the deprecated roles/container.nodeServiceAccount, no serviceusage.services.use.
     */
    static final String NODE_ROLE = "roles/container.defaultNodeServiceAccount";
    /**
     * Image streaming (gcfsConfig) calls the Container File System API as the node account, which needs
     * serviceusage.services.use in the project that holds the image; without it pods fail to start
     * (terraform-google-kubernetes-engine#2251; GKE's image streaming requirements).
     */
    static final String STREAMING_ROLE = "roles/serviceusage.serviceUsageConsumer";
    /** Read on one repository: the stack's own, and the one a promoted digest lives in. */
    static final String PULL_ROLE = "roles/artifactregistry.reader";

    private NodeIdentity() {
    }

    /** The node account's roles on {@code gcp:project}. */
    static List<String> projectRoles(boolean imageStreaming) {
        List<String> roles = new ArrayList<>(List.of(NODE_ROLE));
        if (imageStreaming) {
            roles.add(STREAMING_ROLE);
        }
        return List.copyOf(roles);
    }

    static AccountArgs account(String stack, GcpSettings gcp) {
        return AccountArgs.builder()
                .project(gcp.project())
                .accountId(accountId(stack))
                .displayName("GKE nodes of gke-gpu-serving (" + stack + ")")
                .build();
    }

    /** Service account ids are 6..30 characters of [a-z0-9-], starting with a letter. */
    static String accountId(String stack) {
        String id = ("gke-nodes-" + stack.toLowerCase().replaceAll("[^a-z0-9-]", "-"));
        id = id.length() > 30 ? id.substring(0, 30) : id;
        return id.replaceAll("-+$", "");
    }

    /**
     * @param project the project the role is granted on: {@code gcp:project}, or the one a promoted image lives in
     * @param member  {@code serviceAccount:<email>} of the node account
     */
    static IAMMemberArgs projectRole(String project, String role, Output<String> member) {
        return IAMMemberArgs.builder().project(project).role(role).member(member).build();
    }

    /**
     * Only the one repository, not the whole project: the nodes need the serving image, nothing else there.
     *
     * @param repository the repository's id; an output of the stack's own repository, so the grant waits for it
     */
    static RepositoryIamMemberArgs pullFrom(ArtifactRegistry registry, Output<String> repository, Output<String> member) {
        return RepositoryIamMemberArgs.builder().project(registry.project()).location(registry.location())
                .repository(repository).role(PULL_ROLE).member(member).build();
    }
}
