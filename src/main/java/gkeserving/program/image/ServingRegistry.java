package gkeserving.program.image;

import com.pulumi.gcp.artifactregistry.RepositoryArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyConditionArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyMostRecentVersionsArgs;
import gkeserving.program.config.ArtifactRegistry;

/**
 * The Artifact Registry Docker repository the serving images are pushed to. Its cleanup keeps the most recent
 * images and every image promote tagged for a stack ({@link PromotionTags}), and deletes the rest: Artifact
 * Registry keeps a version that a KEEP policy matches even when a DELETE policy matches too.
 */
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
                .cleanupPolicies(keepMostRecent(keepVersions), keepPromoted(), deleteTheRest())
                .build();
    }

    private static RepositoryCleanupPolicyArgs keepMostRecent(int versions) {
        return RepositoryCleanupPolicyArgs.builder()
                .id("keep-most-recent")
                .action("KEEP")
                .mostRecentVersions(RepositoryCleanupPolicyMostRecentVersionsArgs.builder().keepCount(versions).build())
                .build();
    }

    /**
     * What a stack runs through a promotion, however many builds came after it. A separate policy: one policy
     * cannot hold both a condition and most-recent-versions. TAGGED, not the provider's default ANY: prefixes
     * select among tagged versions, and with ANY Artifact Registry ignores them and would keep everything.
     */
    private static RepositoryCleanupPolicyArgs keepPromoted() {
        return RepositoryCleanupPolicyArgs.builder()
                .id("keep-promoted")
                .action("KEEP")
                .condition(RepositoryCleanupPolicyConditionArgs.builder()
                        .tagState("TAGGED").tagPrefixes(PromotionTags.PREFIX).build())
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
