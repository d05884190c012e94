package gkeserving.tools.pipeline;

import gkeserving.program.ResourceTypes;
import com.fasterxml.jackson.databind.JsonNode;
import gkeserving.tools.pipeline.EngineEventsJson.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate end to end: decisions come from the preview's engine events, and a refusal stops before up. */
class PipelineGateTest {
    private static final Step CLUSTER_REPLACE = Step.of("replace", ResourceTypes.CLUSTER, "gke");
    private static final List<Step> CLUSTER_REPLACEMENT = List.of(PipelineHarness.STACK,
            Step.of("create-replacement", ResourceTypes.CLUSTER, "gke"), CLUSTER_REPLACE,
            Step.of("delete-replaced", ResourceTypes.CLUSTER, "gke"));

    @TempDir
    Path tempDir;

    @Test
    void aClusterReplacementStopsWithExit3BeforeUp() {
        PipelineHarness h = PipelineHarness.create(tempDir).plan("dev", CLUSTER_REPLACEMENT);

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(3);
        assertThat(h.verbs()).containsExactly("stack select", "preview");
        assertThat(h.err()).contains("would replace gcp:container/cluster:Cluster gke (stateful)", "--allow-replace");
        assertThat(h.out()).contains("+- gcp:container/cluster:Cluster gke (replace)")
                .contains("Changes: create 0, update 0, replace 1, delete 0, same 1");
        JsonNode report = h.report();
        assertThat(report.path("exitCode").asInt()).isEqualTo(3);
        assertThat(report.path("gate").path("allowed").asBoolean()).isFalse();
        assertThat(report.path("gate").path("reasons")).hasSize(1);
        assertThat(report.path("changeSummary").path("replace").asInt()).isEqualTo(1);
        assertThat(report.path("outputs").isNull()).isTrue();
    }

    @Test
    void allowReplaceLetsTheClusterReplacementThrough() {
        PipelineHarness h = PipelineHarness.create(tempDir).plan("dev", CLUSTER_REPLACEMENT);

        int exit = h.run("deploy", "--stack", "dev", "--allow-replace");

        assertThat(exit).as(h.err()).isZero();
        assertThat(h.verbs()).contains("up");
        assertThat(h.out()).contains("[1/3] ++ gcp:container/cluster:Cluster gke created replacement",
                "[2/3] +- gcp:container/cluster:Cluster gke replaced", "[3/3] -- gcp:container/cluster:Cluster gke deleted original");
    }

    @Test
    void replacingADeploymentIsRoutineAndProceeds() {
        PipelineHarness h = PipelineHarness.create(tempDir).plan("dev", List.of(PipelineHarness.STACK,
                Step.of("create-replacement", ResourceTypes.DEPLOYMENT, "serving"),
                Step.of("replace", ResourceTypes.DEPLOYMENT, "serving"),
                Step.of("delete-replaced", ResourceTypes.DEPLOYMENT, "serving")));

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).as(h.err()).isZero();
        assertThat(h.verbs()).contains("up");
    }

    @Test
    void deletingAProtectedResourceOfAnyTypeStops() {
        PipelineHarness h = PipelineHarness.create(tempDir).plan("dev", List.of(PipelineHarness.STACK,
                Step.of("delete", ResourceTypes.SERVICE_ACCOUNT, "nodes").protectedResource()));

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(3);
        assertThat(h.err()).contains("would delete gcp:serviceaccount/account:Account nodes (protected)");
        assertThat(h.verbs()).doesNotContain("up");
    }

    @Test
    void prodWithoutYesStopsWithExit3SayingSo() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        int exit = h.run("deploy", "--stack", "prod");

        assertThat(exit).isEqualTo(3);
        assertThat(h.err()).contains("stack prod needs --yes");
        assertThat(h.verbs()).doesNotContain("up");
    }

    @Test
    void prodWithYesProceeds() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        int exit = h.run("deploy", "--stack", "prod", "--yes");

        assertThat(exit).as(h.err()).isZero();
        assertThat(h.verbs()).contains("up");
    }

    @Test
    void prodNeedsBothFlagsForAStatefulReplacementAndNamesBothReasons() {
        PipelineHarness h = PipelineHarness.create(tempDir).plan("prod", CLUSTER_REPLACEMENT);

        int exit = h.run("deploy", "--stack", "prod", "--yes");

        assertThat(exit).isEqualTo(3);
        assertThat(h.report().path("gate").path("reasons")).hasSize(1);

        PipelineHarness both = PipelineHarness.create(tempDir.resolve("second")).plan("prod", CLUSTER_REPLACEMENT);
        assertThat(both.run("deploy", "--stack", "prod")).isEqualTo(3);
        assertThat(both.report().path("gate").path("reasons")).hasSize(2);
    }

    @Test
    void previewReportsWhatTheGateWouldDecideButExitsZero() {
        PipelineHarness h = PipelineHarness.create(tempDir).plan("dev", CLUSTER_REPLACEMENT);

        int exit = h.run("preview", "--stack", "dev");

        assertThat(exit).isZero();
        assertThat(h.verbs()).containsExactly("stack select", "preview");
        assertThat(h.out()).contains("Gate: deploy would stop: would replace gcp:container/cluster:Cluster gke");
        assertThat(h.report().path("gate").path("allowed").asBoolean()).isFalse();
    }

    @Test
    void aNonProdStackConfiguredToRequireConfirmationNeedsYesToo() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.write("stacks/Pulumi.staging.yaml", PipelineHarness.STAGING_FILE + "  pipeline:requireConfirmation: true\n");

        assertThat(h.run("deploy", "--stack", "staging")).isEqualTo(3);
        assertThat(h.err()).contains("stack staging needs --yes");
        assertThat(h.verbs()).doesNotContain("up");
        assertThat(h.run("deploy", "--stack", "staging", "--yes")).as(h.err()).isZero();
        assertThat(h.verbs()).contains("up");
    }

    @Test
    void prodWithoutTheSettingProceedsWithoutYes() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.write("stacks/Pulumi.prod.yaml", "config:\n  gcp:project: p-prod\n  pipeline:requireConfirmation: false\n");

        assertThat(h.run("deploy", "--stack", "prod")).as(h.err()).isZero();
        assertThat(h.verbs()).contains("up");
    }

    @Test
    void aRequireConfirmationThatIsNotABooleanIsAUsageError() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.write("stacks/Pulumi.prod.yaml", "config:\n  gcp:project: p-prod\n  pipeline:requireConfirmation: sometimes\n");

        assertThat(h.run("deploy", "--stack", "prod", "--yes")).isEqualTo(2);
        assertThat(h.err()).contains("pipeline:requireConfirmation (sometimes)", "must be true or false");
        assertThat(h.verbs()).doesNotContain("up");
    }
}
