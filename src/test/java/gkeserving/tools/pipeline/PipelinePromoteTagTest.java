package gkeserving.tools.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import gkeserving.program.image.PromotionTags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * promote tags the digest it moves, and the one the target ran so far, in their Artifact Registry repositories
 * with gcloud before the target is previewed: a tag that cannot be set stops the promotion.
 */
class PipelinePromoteTagTest {
    /** What prod runs before the promotion: an older staging build. */
    private static final String PROD_RUNNING = "us-central1-docker.pkg.dev/p/serving/iris@sha256:" + "cd".repeat(32);
    private static final List<String> TAG_PREVIOUS = List.of("artifacts", "docker", "tags", "add", PROD_RUNNING,
            "us-central1-docker.pkg.dev/p/serving/iris:promoted-prod-previous", "--quiet");
    private static final List<String> TAG_PROMOTED = List.of("artifacts", "docker", "tags", "add", PipelineHarness.DIGEST,
            "us-central1-docker.pkg.dev/p/serving/iris:promoted-prod", "--quiet");

    @TempDir
    Path tempDir;

    private PipelineHarness harness() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        Map<String, Object> prod = PipelineHarness.outputs("prod");
        prod.put("imageRef", PROD_RUNNING);
        h.cli.outputs("prod", prod, Set.of("kubeconfig"));
        return h;
    }

    private static int indexOf(PipelineHarness h, String stack, String verb) {
        List<FakePulumiCli.Call> calls = h.cli.calls();
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).verb().equals(verb) && calls.get(i).argv().contains(stack)) {
                return i;
            }
        }
        throw new AssertionError("no " + verb + " of " + stack + " in " + h.argvs());
    }

    @Test
    void promoteTagsTheRunningThenThePromotedDigestAfterReadingTheTargetAndBeforePreviewingIt() {
        PipelineHarness h = harness();

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        assertThat(exit).as(h.err()).isZero();
        assertThat(h.gcloud.args()).containsExactly(TAG_PREVIOUS, TAG_PROMOTED);
        int preview = indexOf(h, "prod", "preview");
        assertThat(h.cli.calls().get(preview - 1).verb()).isEqualTo("stack output");
        assertThat(h.gcloud.calls()).allSatisfy(call -> assertThat(call.pulumiCallsBefore()).isEqualTo(preview));
        assertThat(h.out()).contains("Tagging " + PipelineHarness.DIGEST + " as promoted-prod ...");
    }

    @Test
    void theReportRecordsEachTagStepWithItsCommand() {
        PipelineHarness h = harness();

        h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        JsonNode tags = h.report().path("promotionTags");
        assertThat(tags).hasSize(2);
        assertThat(tags.get(0).path("tag").asText()).isEqualTo("promoted-prod-previous");
        assertThat(tags.get(0).path("image").asText()).isEqualTo(PROD_RUNNING);
        assertThat(tags.get(0).path("status").asText()).isEqualTo("tagged");
        assertThat(tags.get(1).path("tag").asText()).isEqualTo("promoted-prod");
        assertThat(tags.get(1).path("command").asText()).isEqualTo("gcloud " + String.join(" ", TAG_PROMOTED));
        assertThat(tags.get(1).path("status").asText()).isEqualTo("tagged");
        assertThat(tags.get(1).path("detail").isNull()).isTrue();
    }

    @Test
    void withoutGcloudPromoteStopsWithExit2BeforeAnythingRuns() {
        PipelineHarness h = harness();
        h.gcloudInstalled = false;

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        assertThat(exit).isEqualTo(2);
        assertThat(h.err()).contains("gcloud is not installed (no 'gcloud' on PATH)",
                "https://cloud.google.com/sdk/docs/install");
        assertThat(h.cli.calls()).isEmpty();
        assertThat(h.report().path("error").asText()).contains("gcloud is not installed");
    }

    @Test
    void deployNeedsNoGcloud() {
        PipelineHarness h = harness();
        h.gcloudInstalled = false;

        assertThat(h.run("deploy", "--stack", "dev")).as(h.err()).isZero();
        assertThat(h.report().path("promotionTags").isNull()).isTrue();
    }

    @Test
    void aFailedTagStopsThePromotionBeforeTheTargetIsPreviewed() {
        PipelineHarness h = harness();
        h.gcloud.fail("promoted-prod", 1, "ERROR: (gcloud.artifacts.docker.tags.add) PERMISSION_DENIED: "
                + "Permission 'artifactregistry.tags.create' denied\n");

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("tagging " + PipelineHarness.DIGEST + " as promoted-prod failed (gcloud exited "
                        + "with 1: ERROR: (gcloud.artifacts.docker.tags.add) PERMISSION_DENIED",
                "stack prod was not deployed",
                "needs an account with roles/artifactregistry.writer on us-central1-docker.pkg.dev/p/serving");
        assertThat(h.verbs()).doesNotContain("preview", "up");
        assertThat(h.smokeCalls).isEmpty();
        JsonNode failed = h.report().path("promotionTags").get(1);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("detail").asText()).contains("PERMISSION_DENIED");
    }

    @Test
    void aFailedTagOfTheRunningDigestStopsBeforeThePromotedOneIsTagged() {
        PipelineHarness h = harness();
        h.gcloud.fail("promoted-prod-previous", 1, "ERROR: (gcloud.artifacts.docker.tags.add) NOT_FOUND: manifest unknown\n");

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("as promoted-prod-previous failed", "NOT_FOUND: manifest unknown");
        assertThat(h.gcloud.args()).containsExactly(TAG_PREVIOUS);
        assertThat(h.verbs()).doesNotContain("preview", "up");
    }

    @Test
    void aGcloudThatCannotRunFailsThePromotionWithItsReason() {
        PipelineHarness h = harness();
        h.gcloud.cannotRun(new UncheckedIOException("gcloud (/usr/bin/gcloud) could not be run: Permission denied",
                new java.io.IOException("Permission denied")));

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("failed (gcloud (/usr/bin/gcloud) could not be run: Permission denied)");
        assertThat(h.verbs()).doesNotContain("preview", "up");
    }

    @Test
    void aRefusedDeployLeavesWhatTheTargetRunsTagged() {
        PipelineHarness h = harness();

        int exit = h.run("promote", "--from", "staging", "--to", "prod");

        assertThat(exit).isEqualTo(3);
        assertThat(h.gcloud.args()).containsExactly(TAG_PREVIOUS, TAG_PROMOTED);
        assertThat(h.verbs()).doesNotContain("up");
    }

    @Test
    void aTargetNeverDeployedGetsOnlyThePromotedTag() {
        PipelineHarness h = harness();
        h.cli.outputs("prod", Map.of(), Set.of());

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes", "--skip-smoke");

        assertThat(exit).as(h.err()).isZero();
        assertThat(h.gcloud.args()).containsExactly(TAG_PROMOTED);
        assertThat(h.out()).contains("Not tagging promoted-prod-previous: stack prod has no imageRef output");
        JsonNode skipped = h.report().path("promotionTags").get(0);
        assertThat(skipped.path("status").asText()).isEqualTo("skipped");
        assertThat(skipped.path("command").isNull()).isTrue();
    }

    @Test
    void aTargetRunningAnImageOutsideArtifactRegistryGetsOnlyThePromotedTag() {
        PipelineHarness h = harness();
        h.cli.outputs("prod", Map.of("imageRef", "ghcr.io/acme/iris@sha256:" + "ef".repeat(32)), Set.of());

        assertThat(h.run("promote", "--from", "staging", "--to", "prod", "--yes", "--skip-smoke")).as(h.err()).isZero();
        assertThat(h.gcloud.args()).containsExactly(TAG_PROMOTED);
        assertThat(h.out()).contains("which is not a digest in Artifact Registry");
    }

    @Test
    void aSourceImageOutsideArtifactRegistryIsNotPromoted() {
        PipelineHarness h = harness();
        h.cli.outputs("staging", Map.of("imageRef", "ghcr.io/acme/iris@sha256:" + "ef".repeat(32)), Set.of());

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("which is not in Artifact Registry");
        assertThat(h.gcloud.calls()).isEmpty();
        assertThat(h.argvs()).noneMatch(argv -> argv.contains("prod"));
    }

    /** Stack files take the tags' characters; only the length can make a tag Docker refuses. */
    @Test
    void aTargetWhoseNameMakesNoDockerTagIsRefusedBeforeAnythingRuns() {
        // Pulumi's own stack-name rule (at most 100 characters) refuses such a name first: every stack name the
        // pipeline accepts makes valid promotion tags (PromotionTagsTest covers the tag rule itself).
        PipelineHarness h = harness();
        String stack = "s".repeat(PromotionTags.MAX_STACK_NAME + 1);
        h.write("stacks/Pulumi." + stack + ".yaml", "config:\n  gcp:project: p-prod\n");

        int exit = h.run("promote", "--from", "staging", "--to", stack, "--yes");

        assertThat(exit).isEqualTo(2);
        assertThat(h.err()).contains("is not a stack name", "1 to 100");
        assertThat(h.cli.calls()).isEmpty();
        assertThat(h.gcloud.calls()).isEmpty();
    }
}
