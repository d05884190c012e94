package gkeserving.program.image;

import com.pulumi.gcp.artifactregistry.RepositoryArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyConditionArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyMostRecentVersionsArgs;
import gkeserving.program.config.ArtifactRegistry;

/** The Artifact Registry Docker repository the serving images are pushed to, keeping only the most recent ones. */
final class ServingRegistry {
    private ServingRegistry() {
    }

    static RepositoryArgs args(ArtifactRegistry registry, int keepVersions) {
        return RepositoryArgs.builder()
                .project(registry.project())
                .location(registry.location())
                .repositoryId(registry.repository())
                .format("DOCKER")
                .description("TF Serving images of gke-gpu-serving, tagged by content")
                // Explicit: a dry-run policy would only report what it would delete.
                .cleanupPolicyDryRun(false)
                .cleanupPolicies(keepMostRecent(keepVersions), deleteTheRest())
                .build();
    }

    /** Artifact Registry keeps a version that a KEEP policy matches even when a DELETE policy matches too. */
    private static RepositoryCleanupPolicyArgs keepMostRecent(int versions) {
        return RepositoryCleanupPolicyArgs.builder()
                .id("keep-most-recent")
                .action("KEEP")
                .mostRecentVersions(RepositoryCleanupPolicyMostRecentVersionsArgs.builder().keepCount(versions).build())
                .build();
    }

    private static RepositoryCleanupPolicyArgs deleteTheRest() {
        return RepositoryCleanupPolicyArgs.builder()
                .id("delete-older")
                .action("DELETE")
                .condition(RepositoryCleanupPolicyConditionArgs.builder().tagState("ANY").build())
                .build();
    }
}
