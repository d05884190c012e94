package gkeserving.tools.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PipelinePromoteTest {
    private static final String PROD_COPY = "<project>/target/pipeline/Pulumi.prod.20250301-100000-000.yaml";

    @TempDir
    Path tempDir;

    @Test
    void promoteReadsTheSourceOutputsThenTheTargetsThenDeploysTheTargetWithThatDigest() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        assertThat(exit).as(h.err()).isZero();
        assertThat(h.argvs()).containsExactly(
                List.of("stack", "select", "--stack", "staging", "--non-interactive"),
                List.of("stack", "output", "--json", "--stack", "staging", "--non-interactive"),
                List.of("stack", "output", "--json", "--show-secrets", "--stack", "staging", "--non-interactive"),
                List.of("stack", "select", "--stack", "prod", "--non-interactive"),
                List.of("stack", "output", "--json", "--stack", "prod", "--non-interactive"),
                List.of("stack", "output", "--json", "--show-secrets", "--stack", "prod", "--non-interactive"),
                List.of("preview", "--exec-kind", "auto.local", "--stack", "prod", "--config-file", PROD_COPY,
                        "--event-log", "<event-log>", "--non-interactive"),
                List.of("up", "--yes", "--skip-preview", "--exec-kind", "auto.local", "--stack", "prod",
                        "--config-file", PROD_COPY, "--event-log", "<event-log>", "--non-interactive"),
                List.of("stack", "output", "--json", "--stack", "prod", "--non-interactive"),
                List.of("stack", "output", "--json", "--show-secrets", "--stack", "prod", "--non-interactive"),
                List.of("stack", "history", "--json", "--page-size", "1", "--page", "1", "--stack", "prod",
                        "--non-interactive"),
                List.of("stack", "export", "--stack", "prod", "--non-interactive"));
    }

    @Test
    void theTargetsConfigCopyCarriesTheDigestAndTheUsersFileIsUntouched() throws Exception {
        PipelineHarness h = PipelineHarness.create(tempDir);

        h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        String copy = h.cli.calls().stream().filter(c -> c.verb().equals("up")).findFirst().orElseThrow().configFileText();
        assertThat(copy).contains("gcp:project: \"p-prod\"").contains("gke-gpu-serving:image:")
                .contains("existingDigest: \"" + PipelineHarness.DIGEST + "\"");
        assertThat(Files.readString(h.root.resolve("stacks/Pulumi.prod.yaml"))).isEqualTo(PipelineHarness.PROD_FILE);
        assertThat(h.root.resolve("target/pipeline/Pulumi.prod.20250301-100000-000.yaml")).doesNotExist();
    }

    @Test
    void theReportNamesBothStacks() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        JsonNode report = h.report();
        assertThat(report.path("command").asText()).isEqualTo("promote");
        assertThat(report.path("stack").asText()).isEqualTo("prod");
        assertThat(report.path("sourceStack").asText()).isEqualTo("staging");
        assertThat(report.path("smokeTest").path("status").asText()).isEqualTo("passed");
    }

    @Test
    void aTagInsteadOfADigestFailsWithExit1AndTouchesNothingInTheTarget() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.outputs("staging", Map.of("imageRef", "us-central1-docker.pkg.dev/p/serving/iris:latest"), Set.of());

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("not a digest reference", "iris:latest");
        assertThat(h.argvs()).noneMatch(argv -> argv.contains("prod"));
        assertThat(h.report().path("error").asText()).contains("not a digest reference");
    }

    @Test
    void aSourceWithoutImageRefFailsWithExit1() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.outputs("staging", Map.of("modelName", "iris"), Set.of());

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("stack staging has no imageRef output");
    }

    @Test
    void aSourceStackNeverDeployedFailsWithExit1AndIsNotCreated() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.missing("staging");

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("stack staging has not been deployed yet");
        assertThat(h.verbs()).containsExactly("stack select");
    }

    @Test
    void promotingIntoProdStillNeedsYes() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        int exit = h.run("promote", "--from", "staging", "--to", "prod");

        assertThat(exit).isEqualTo(3);
        assertThat(h.verbs()).doesNotContain("up");
    }

    @Test
    void promotingAStackToItselfIsAUsageError() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        assertThat(h.run("promote", "--from", "prod", "--to", "prod", "--yes")).isEqualTo(2);
        assertThat(h.cli.calls()).isEmpty();
    }
}
