package gkeserving.program.cluster;

import com.pulumi.core.Output;
import com.pulumi.gcp.artifactregistry.RepositoryIamMemberArgs;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import gkeserving.program.config.ArtifactRegistry;
import gkeserving.program.config.GcpSettings;

import java.util.List;

/** The nodes' own least-privilege service account (never the default compute account) and its grants. */
final class NodeIdentity {
    /** Roles a node needs and nothing more: write logs and metrics, pull images from Artifact Registry. */
    static final List<String> NODE_ROLES = List.of(
            "roles/logging.logWriter",
            "roles/monitoring.metricWriter",
            "roles/artifactregistry.reader");
    /** What the nodes need in another project to pull an image promoted from there. */
    static final String PULL_ROLE = "roles/artifactregistry.reader";

    private NodeIdentity() {
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

    /** @param member {@code serviceAccount:<email>} of the node account */
    static IAMMemberArgs projectRole(GcpSettings gcp, String role, Output<String> member) {
        return IAMMemberArgs.builder().project(gcp.project()).role(role).member(member).build();
    }

    /** Only the one repository, not the whole other project: prod's nodes need staging's image, nothing else there. */
    static RepositoryIamMemberArgs pullFrom(ArtifactRegistry repo, Output<String> member) {
        return RepositoryIamMemberArgs.builder().project(repo.project()).location(repo.location())
                .repository(repo.repository()).role(PULL_ROLE).member(member).build();
    }
}
