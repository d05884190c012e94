package gkeserving.tools.pipeline;

import gkeserving.program.ResourceTypes;
import com.fasterxml.jackson.databind.JsonNode;
import gkeserving.tools.pipeline.EngineEventsJson.Step;
import gkeserving.tools.pipeline.smoke.SmokeResult;
import gkeserving.tools.pipeline.smoke.SmokeResult.Phase;
import gkeserving.tools.pipeline.smoke.SmokeResult.PhaseTiming;
import gkeserving.tools.pipeline.smoke.SmokeResult.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failure ends non-zero with one message and a report, and nothing is run twice. */
class PipelineFailureTest {
    private static final String LOCKED_STDERR = "error: the stack is currently locked by 1 lock(s). Either wait for "
            + "the other process(es) to end or delete the lock file with `pulumi cancel`.\n"
            + "  file:///state/.pulumi/locks/organization/gke-gpu-serving/dev/3f1c.json: created by ci@runner\n";

    @TempDir
    Path tempDir;

    @Test
    void aFailedPreviewStopsBeforeUpWithExit1AndTheProgramsError() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.fail("dev", "preview", "error: an unhandled error occurred: program exited with non-zero exit code: 1\n");

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(1);
        assertThat(h.verbs()).containsExactly("stack select", "preview");
        assertThat(h.err()).contains("preview of stack dev failed: an unhandled error occurred");
        JsonNode report = h.report();
        assertThat(report.path("exitCode").asInt()).isEqualTo(1);
        assertThat(report.path("error").asText()).startsWith("preview of stack dev failed");
        assertThat(report.path("gate").isNull()).isTrue();
    }

    @Test
    void aFailedUpReportsTheEnginesErrorDiagnosticAndIsNotRetried() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        Step pool = Step.of("create", ResourceTypes.NODE_POOL, "gpu-pool");
        h.plan("dev", List.of(PipelineHarness.STACK, PipelineHarness.DEPLOYMENT_UPDATE, pool));
        h.cli.events("dev", "up", EngineEventsJson.failedRun("dev", List.of(PipelineHarness.DEPLOYMENT_UPDATE), pool,
                "googleapi: Error 403: Insufficient regional quota to satisfy request: resource \"NVIDIA_L4_GPUS\""));
        h.cli.fail("dev", "up", "error: update failed\n");

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(1);
        assertThat(h.verbs()).containsExactly("stack select", "preview", "up");
        assertThat(h.out()).contains("[1/2] ~ kubernetes:apps/v1:Deployment serving updated")
                .contains("[2/2] + gcp:container/nodePool:NodePool gpu-pool create FAILED");
        assertThat(h.err()).contains("update of stack dev failed: googleapi: Error 403: Insufficient regional quota");
        assertThat(h.smokeCalls).isEmpty();
        JsonNode report = h.report();
        assertThat(report.path("error").asText()).contains("NVIDIA_L4_GPUS");
        assertThat(report.path("gate").path("allowed").asBoolean()).isTrue();
        assertThat(report.path("smokeTest").isNull()).isTrue();
    }

    @Test
    void aLockedStackFailsOnceWithExit1AndSaysHowToReleaseTheLock() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.events("dev", "up", EngineEventsJson.aborted("dev"));
        h.cli.fail("dev", "up", LOCKED_STDERR);

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(1);
        assertThat(h.verbs()).containsExactly("stack select", "preview", "up");
        assertThat(h.err()).contains("stack dev is locked: another update holds its lock", "pulumi cancel --stack dev");
        assertThat(h.report().path("error").asText()).contains("pulumi cancel --stack dev");
    }

    @Test
    void aLockedStackAtPreviewStopsThereToo() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.events("dev", "preview", EngineEventsJson.aborted("dev"));
        h.cli.fail("dev", "preview", "error: [409] Conflict: Another update is currently in progress.\n");

        assertThat(h.run("deploy", "--stack", "dev")).isEqualTo(1);
        assertThat(h.verbs()).containsExactly("stack select", "preview");
        assertThat(h.err()).contains("is locked");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCliThatFailsBeforeWritingAnyEventEndsTheRunInsteadOfHanging() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.events("dev", "preview", List.of()); // e.g. a wrong passphrase: the engine never starts
        h.cli.fail("dev", "preview", "error: constructing secrets manager of type \"passphrase\": incorrect passphrase\n");

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("preview of stack dev failed", "incorrect passphrase");
    }

    @Test
    void aFailedSmokeTestFailsTheRunAfterTheUpdateWithItsPhase() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.smokeResult = new SmokeResult(Status.FAILED, Phase.STATUS, "model iris has no AVAILABLE version after 300s",
                null, null, null, 12, List.of(new PhaseTiming(Phase.STATUS, Duration.ofSeconds(300))),
                Duration.ofSeconds(300));

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(1);
        assertThat(h.verbs()).containsOnlyOnce("up");
        assertThat(h.smokeCalls).hasSize(1);
        assertThat(h.err()).contains("smoke test failed in phase status: model iris has no AVAILABLE version");
        JsonNode report = h.report();
        assertThat(report.path("exitCode").asInt()).isEqualTo(1);
        assertThat(report.path("smokeTest").path("status").asText()).isEqualTo("failed");
        assertThat(report.path("smokeTest").path("phase").asText()).isEqualTo("status");
        assertThat(report.path("smokeTest").path("attempts").asInt()).isEqualTo(12);
        assertThat(report.path("smokeTest").path("latency").isNull()).isTrue();
        assertThat(report.path("outputs").path("modelName").asText()).isEqualTo("iris");
    }

    @Test
    void aSmokeCheckThatThrowsCountsAsAFailedSmokeTest() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.smokeThrows = new IllegalStateException("connection refused");

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("smoke test failed in phase check: IllegalStateException: connection refused");
        assertThat(h.report().path("smokeTest").path("status").asText()).isEqualTo("failed");
    }

    @Test
    void aMissingSampleRequestFailsTheSmokeTestNamingThePath() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.root.resolve("models/iris/sample-request.json").toFile().delete();

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("smoke test failed in phase sample:", "models/iris/sample-request.json is missing");
        assertThat(h.smokeCalls).isEmpty();
    }

    @Test
    void outputsWithoutUsableEndpointsFailTheSmokeTestBeforeAnyRequest() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        Map<String, Object> outputs = PipelineHarness.outputs("dev");
        outputs.put("modelStatusUrl", "http://:8501/v1/models/iris"); // no address yet
        h.cli.outputs("dev", outputs, Set.of());

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("smoke test failed in phase outputs: "
                + "the restEndpoint and modelStatusUrl outputs do not both hold a URL with a host");
        assertThat(h.smokeCalls).isEmpty();
        assertThat(h.report().path("smokeTest").path("phase").asText()).isEqualTo("outputs");
    }
}
