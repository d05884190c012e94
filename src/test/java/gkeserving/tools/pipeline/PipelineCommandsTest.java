package gkeserving.tools.pipeline;

import gkeserving.program.ResourceTypes;
import com.fasterxml.jackson.databind.ObjectMapper;
import gkeserving.tools.pipeline.EngineEventsJson.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** destroy, refresh, outputs, and the command line itself. */
class PipelineCommandsTest {
    private static final List<Step> TEARDOWN = List.of(
            Step.of("delete", ResourceTypes.DEPLOYMENT, "serving"),
            Step.of("delete", ResourceTypes.NODE_POOL, "gpu-pool"),
            Step.of("delete", ResourceTypes.CLUSTER, "gke"));

    @TempDir
    Path tempDir;

    private PipelineHarness withTeardown() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.events("dev", "destroy-preview", EngineEventsJson.run("dev", true, TEARDOWN));
        h.cli.events("dev", "destroy", EngineEventsJson.run("dev", false, TEARDOWN));
        return h;
    }

    @Test
    void destroyWithYesPreviewsThenDestroys() {
        PipelineHarness h = withTeardown();

        int exit = h.run("destroy", "--stack", "dev", "--yes");

        assertThat(exit).as(h.err()).isZero();
        assertThat(h.argvs()).containsExactly(
                List.of("stack", "select", "--stack", "dev", "--non-interactive"),
                List.of("destroy", "--preview-only", "--exec-kind", "auto.local", "--stack", "dev", "--event-log", "<event-log>",
                        "--non-interactive"),
                List.of("stack", "history", "--json", "--page-size", "1", "--page", "1", "--stack", "dev",
                        "--non-interactive"),
                List.of("destroy", "--yes", "--skip-preview", "--exec-kind", "auto.local", "--stack", "dev",
                        "--event-log", "<event-log>", "--non-interactive"),
                List.of("stack", "history", "--json", "--page-size", "1", "--page", "1", "--stack", "dev",
                        "--non-interactive"));
        assertThat(h.out()).contains("[3/3] - gcp:container/cluster:Cluster gke deleted (1s)", "Destroy done: create 0, update 0, replace 0, delete 3");
        assertThat(h.report().path("changeSummary").path("delete").asInt()).isEqualTo(3);
    }

    @Test
    void destroyWithoutYesOnlyPreviewsAndExits3() {
        PipelineHarness h = withTeardown();

        int exit = h.run("destroy", "--stack", "dev");

        assertThat(exit).isEqualTo(3);
        assertThat(h.verbs()).containsExactly("stack select", "destroy-preview", "stack history");
        assertThat(h.err()).contains("destroy deletes 3 resource(s) of stack dev; re-run with --yes");
    }

    @Test
    void destroyOfAStackUnderStacksPassesItsConfigCopy() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.events("staging", "destroy-preview", EngineEventsJson.run("staging", true, TEARDOWN));
        h.cli.events("staging", "destroy", EngineEventsJson.run("staging", false, TEARDOWN));

        assertThat(h.run("destroy", "--stack", "staging", "--yes")).isZero();
        assertThat(h.argvs()).filteredOn(argv -> argv.get(0).equals("destroy"))
                .hasSize(2).allSatisfy(argv -> assertThat(argv).contains("--config-file"));
    }

    @Test
    void refreshSelectsTheStackAndPrintsPerResourceProgress() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.events("dev", "refresh", EngineEventsJson.run("dev", false, List.of(
                Step.of("refresh", ResourceTypes.CLUSTER, "gke"),
                Step.of("refresh", ResourceTypes.DEPLOYMENT, "serving"))));

        int exit = h.run("refresh", "--stack", "dev");

        assertThat(exit).as(h.err()).isZero();
        assertThat(h.argvs()).contains(List.of("refresh", "--yes", "--skip-preview", "--exec-kind", "auto.local",
                "--stack", "dev", "--event-log", "<event-log>", "--non-interactive"));
        assertThat(h.verbs()).doesNotContain("stack init");
        assertThat(h.out()).contains("[1] ~ gcp:container/cluster:Cluster gke refreshed", "[2] ~ kubernetes:apps/v1:Deployment serving refreshed");
    }

    @Test
    void outputsAsJsonPrintsOnlyTheRedactedObjectOnStdout() throws Exception {
        PipelineHarness h = PipelineHarness.create(tempDir);

        int exit = h.run("outputs", "--stack", "dev", "--json");

        assertThat(exit).isZero();
        var printed = new ObjectMapper().readTree(h.out());
        assertThat(printed.path("restEndpoint").asText()).isEqualTo("http://34.1.2.3:8501/v1/models/iris:predict");
        assertThat(printed.path("kubeconfig").asText()).isEqualTo("[secret]");
        assertThat(h.verbs()).containsExactly("stack select", "stack output", "stack output");
    }

    @Test
    void outputsOfAStackNeverDeployedFailsWithoutCreatingIt() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.missing("dev");

        assertThat(h.run("outputs", "--stack", "dev")).isEqualTo(1);
        assertThat(h.verbs()).containsExactly("stack select");
        assertThat(h.err()).contains("stack dev has not been deployed yet");
    }

    @Test
    void usageErrorsExit2() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        assertThat(h.run("deploy")).isEqualTo(2);
        assertThat(h.err()).contains("Missing required option: '--stack=STACK'");
        assertThat(h.run("deploy", "--stack", "dev", "--frobnicate")).isEqualTo(2);
        assertThat(h.run()).isEqualTo(2);
        assertThat(h.cli.calls()).isEmpty();
    }

    @Test
    void helpDocumentsEachCommandsOptions() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        assertThat(h.run("deploy", "--help")).isZero();
        assertThat(h.out()).contains("--allow-replace", "--yes", "--skip-smoke", "--project-dir", "--stack=STACK");
        assertThat(h.run("promote", "--help")).isZero();
        assertThat(h.out()).contains("--from=STACK", "--to=STACK");
    }
}
