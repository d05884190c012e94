package gkeserving.tools.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import gkeserving.program.serving.Endpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineDeployTest {
    @TempDir
    Path tempDir;

    @Test
    void deployOfDevRunsSelectPreviewUpOutputsExportInThatOrderAndNothingElse() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).as(h.err()).isZero();
        assertThat(h.argvs()).containsExactly(
                List.of("stack", "select", "--stack", "dev", "--non-interactive"),
                List.of("preview", "--exec-kind", "auto.local", "--stack", "dev", "--event-log", "<event-log>",
                        "--non-interactive"),
                List.of("up", "--yes", "--skip-preview", "--exec-kind", "auto.local", "--stack", "dev",
                        "--event-log", "<event-log>", "--non-interactive"),
                List.of("stack", "output", "--json", "--stack", "dev", "--non-interactive"),
                List.of("stack", "output", "--json", "--show-secrets", "--stack", "dev", "--non-interactive"),
                List.of("stack", "history", "--json", "--page-size", "1", "--page", "1", "--stack", "dev",
                        "--non-interactive"),
                // the dependency graph for the update's critical path
                List.of("stack", "export", "--stack", "dev", "--non-interactive"));
    }

    @Test
    void deployRunsWithTheFileBackendAndPassphraseInTheCliEnvironment() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        h.run("deploy", "--stack", "dev");

        Path state = h.home.resolve(".pulumi-gke-gpu-serving/state");
        assertThat(state).isDirectory();
        assertThat(h.cli.calls()).allSatisfy(call -> {
            assertThat(call.env()).containsEntry("PULUMI_BACKEND_URL", "file://" + state);
            assertThat(call.env()).containsEntry("PULUMI_CONFIG_PASSPHRASE", "test-passphrase");
        });
    }

    @Test
    void commandsWithAnEventLogRunInTheCliModeThatWritesIt() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        h.run("deploy", "--stack", "dev");

        assertThat(h.cli.calls()).filteredOn(call -> call.argv().contains("--event-log")).hasSize(2)
                .allSatisfy(call -> assertThat(call.env()).containsEntry("PULUMI_DEBUG_COMMANDS", "true"));
    }

    @Test
    void anExplicitBackendUrlWins() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.env.put("PULUMI_BACKEND_URL", "gs://team-state");

        h.run("deploy", "--stack", "dev");

        assertThat(h.cli.calls()).allSatisfy(call -> assertThat(call.env()).containsEntry("PULUMI_BACKEND_URL", "gs://team-state"));
        assertThat(h.home.resolve(".pulumi-gke-gpu-serving")).doesNotExist();
    }

    @Test
    void progressPrintsOneLinePerOperationWithCountTypeNameAndElapsedTime() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        h.run("deploy", "--stack", "dev");

        assertThat(h.out())
                .contains("[1/2] ~ kubernetes:apps/v1:Deployment serving updated (1s)")
                .contains("[2/2] + kubernetes:autoscaling/v2:HorizontalPodAutoscaler serving created (1s)")
                .contains("Changes: create 1, update 1, replace 0, delete 0, same 3")
                .contains("Update done: create 1, update 1, replace 0, delete 0, same 3");
        assertThat(h.out()).doesNotContain("gcp:container/cluster:Cluster gke created");
    }

    @Test
    void smokeTestGetsTheProgramsEndpointsFromOutputsAndTheModelsSampleRequest() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        h.run("deploy", "--stack", "dev");

        assertThat(h.smokeCalls).containsExactly(new PipelineHarness.SmokeCall(
                new Endpoints("http://34.1.2.3:8501/v1/models/iris:predict", "34.1.2.3:8500",
                        "http://34.1.2.3:8501/v1/models/iris"),
                "iris", PipelineHarness.SAMPLE_REQUEST));
    }

    @Test
    void theReportEmbedsTheWholeSmokeResult() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        h.run("deploy", "--stack", "dev");

        JsonNode smoke = h.report().path("smokeTest");
        assertThat(smoke.path("status").asText()).isEqualTo("passed");
        assertThat(smoke.path("phase").asText()).isEqualTo("done");
        assertThat(smoke.path("servedVersion").asLong()).isEqualTo(3);
        assertThat(smoke.path("latency").path("p50Ms").asDouble()).isEqualTo(1.5);
        assertThat(smoke.path("latency").path("maxMs").asDouble()).isEqualTo(40.0);
        assertThat(smoke.path("attempts").asInt()).isEqualTo(4);
        assertThat(smoke.path("elapsedMs").asDouble()).isEqualTo(95_060.0);
        assertThat(smoke.path("phaseTimings")).hasSize(2);
        assertThat(smoke.path("phaseTimings").get(0).path("phase").asText()).isEqualTo("status");
        assertThat(smoke.path("phaseTimings").get(0).path("elapsedMs").asDouble()).isEqualTo(95_000.0);
        assertThat(smoke.path("phaseTimings").get(1).path("phase").asText()).isEqualTo("predict");
        assertThat(smoke.path("phaseTimings").get(1).path("elapsedMs").asDouble()).isEqualTo(60.0);
        assertThat(h.out()).contains("Smoke test: model iris at http://34.1.2.3:8501/v1/models/iris ...",
                "Smoke test: passed (model 'iris' version 3 is AVAILABLE and answered 2 predict calls).");
    }

    @Test
    void reportRecordsTheWholeRunWithSecretsRedacted() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        h.run("deploy", "--stack", "dev");

        assertThat(h.reportFiles()).singleElement()
                .satisfies(file -> assertThat(file.getFileName().toString()).isEqualTo("dev-20250301-100000-000.json"));
        JsonNode report = h.report();
        assertThat(report.path("command").asText()).isEqualTo("deploy");
        assertThat(report.path("stack").asText()).isEqualTo("dev");
        assertThat(report.path("exitCode").asInt()).isZero();
        assertThat(report.path("startedAt").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(report.path("durationSeconds").asDouble()).isPositive();
        assertThat(report.path("changeSummary").path("update").asInt()).isEqualTo(1);
        assertThat(report.path("changeSummary").path("create").asInt()).isEqualTo(1);
        assertThat(report.path("gate").path("allowed").asBoolean()).isTrue();
        assertThat(report.path("outputs").path("imageRef").asText()).isEqualTo(PipelineHarness.DIGEST);
        assertThat(report.path("outputs").path("kubeconfig").asText()).isEqualTo("[secret]");
        assertThat(report.toString()).doesNotContain("s3cr3t");
        assertThat(report.path("smokeTest").path("status").asText()).isEqualTo("passed");
        assertThat(report.path("error").isNull()).isTrue();
    }

    @Test
    void secretsNeverReachTheTerminal() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        h.run("deploy", "--stack", "dev");

        assertThat(h.out()).contains("kubeconfig: [secret]").doesNotContain("s3cr3t");
    }

    @Test
    void skipSmokeRecordsTheSmokeTestAsSkipped() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        int exit = h.run("deploy", "--stack", "dev", "--skip-smoke");

        assertThat(exit).isZero();
        assertThat(h.smokeCalls).isEmpty();
        assertThat(h.report().path("smokeTest").path("status").asText()).isEqualTo("skipped");
        assertThat(h.report().path("smokeTest").path("message").asText()).isEqualTo("--skip-smoke");
    }

    @Test
    void aStackUnderStacksGetsATemporaryCopyOfItsFileAsConfigFile() throws Exception {
        PipelineHarness h = PipelineHarness.create(tempDir);

        int exit = h.run("deploy", "--stack", "staging");

        assertThat(exit).as(h.err()).isZero();
        String copy = "<project>/target/pipeline/Pulumi.staging.20250301-100000-000.yaml";
        assertThat(h.argvs()).filteredOn(argv -> argv.get(0).equals("preview") || argv.get(0).equals("up"))
                .hasSize(2)
                .allSatisfy(argv -> assertThat(argv).containsSubsequence("--stack", "staging", "--config-file", copy));
        assertThat(h.cli.calls()).filteredOn(call -> call.verb().equals("preview"))
                .singleElement().satisfies(call -> assertThat(call.configFileText()).isEqualTo(PipelineHarness.STAGING_FILE));
        assertThat(h.root.resolve("target/pipeline/Pulumi.staging.20250301-100000-000.yaml")).doesNotExist();
        assertThat(Files.readString(h.root.resolve("stacks/Pulumi.staging.yaml"))).isEqualTo(PipelineHarness.STAGING_FILE);
    }

    @Test
    void aStackThatDoesNotExistYetIsCreatedWithThePassphraseProvider() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.missing("dev");

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isZero();
        assertThat(h.argvs()).startsWith(
                List.of("stack", "select", "--stack", "dev", "--non-interactive"),
                List.of("stack", "init", "dev", "--secrets-provider", "passphrase", "--non-interactive"));
    }

    @Test
    void theSaltTheCliWritesAtStackCreationNeitherBreaksTheNextRunNorGetsLost() throws Exception {
        PipelineHarness h = PipelineHarness.create(tempDir);
        String stagingWithoutSalt = "config:\n  gcp:project: p-staging\n";
        Files.writeString(h.root.resolve("stacks/Pulumi.staging.yaml"), stagingWithoutSalt);
        h.cli.missing("staging").writesSaltInto(h.root);

        assertThat(h.run("deploy", "--stack", "staging", "--skip-smoke")).as(h.err()).isZero();
        // The CLI put the salt beside Pulumi.yaml; the stack's config is still the file under stacks/.
        assertThat(Files.readString(h.root.resolve("Pulumi.staging.yaml"))).startsWith("encryptionsalt:");
        assertThat(Files.readString(h.root.resolve("stacks/Pulumi.staging.yaml"))).isEqualTo(stagingWithoutSalt);

        assertThat(h.run("deploy", "--stack", "staging", "--skip-smoke")).as(h.err()).isZero();
        assertThat(h.cli.calls()).filteredOn(call -> call.verb().equals("preview")).last()
                .satisfies(call -> assertThat(call.configFileText())
                        .contains("encryptionsalt: \"v1:c2FsdA==:v1:Zm9y:c3RhY2s=\"")
                        .contains("gcp:project: \"p-staging\""));
    }
}
