package gkeserving.tools.pipeline;

import gkeserving.program.StackExport;
import gkeserving.program.ResourceTypes;
import com.pulumi.automation.OperationType;
import gkeserving.program.serving.Endpoints;
import gkeserving.tools.ExitCode;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure text functions: summaries, progress lines, error summaries, URLs. */
class TextPiecesTest {
    @Test
    void changeSummaryAlwaysShowsTheFiveMainOpsThenAnyOtherThatOccurred() {
        Map<OperationType, Integer> counts = new EnumMap<>(OperationType.class);
        counts.put(OperationType.SAME, 12);
        counts.put(OperationType.CREATE, 3);
        counts.put(OperationType.READ, 2);
        counts.put(OperationType.IMPORT, 0);

        assertThat(ChangeSummary.format(counts)).isEqualTo("create 3, update 0, replace 0, delete 0, same 12, read 2");
        assertThat(ChangeSummary.asJson(counts)).containsExactly(Map.entry("create", 3), Map.entry("update", 0),
                Map.entry("replace", 0), Map.entry("delete", 0), Map.entry("same", 12), Map.entry("read", 2));
        assertThat(ChangeSummary.opName(OperationType.CREATE_REPLACEMENT)).isEqualTo("create-replacement");
    }

    @Test
    void eachOpHasPulumisMarkerAndAPastTenseAndUnmarkedOpsFallBackToTheirName() {
        assertThat(ChangeSummary.symbol(OperationType.REPLACE)).isEqualTo("+-");
        assertThat(ChangeSummary.done(OperationType.DELETE_REPLACED)).isEqualTo("deleted original");
        assertThat(ChangeSummary.symbol(OperationType.READ_REPLACEMENT)).isEqualTo(">");
        assertThat(ChangeSummary.done(OperationType.IMPORT_REPLACEMENT)).isEqualTo("imported");
        assertThat(ChangeSummary.symbol(OperationType.SAME)).isEqualTo(" ");
        assertThat(ChangeSummary.done(OperationType.READ_DISCARD)).isEqualTo("read-discard");
    }

    @Test
    void progressLinesPadTheCounterToTheTotalsWidth() {
        PlannedStep pool = new PlannedStep(OperationType.CREATE, ResourceTypes.NODE_POOL,
                "urn:pulumi:dev::gke-gpu-serving::gkeserving:cluster:GkeCluster$gcp:container/nodePool:NodePool::gpu-pool", false);

        assertThat(ProgressPrinter.line(3, 17, pool, "created", 41))
                .isEqualTo("[ 3/17] + gcp:container/nodePool:NodePool gpu-pool created (41s)");
        assertThat(ProgressPrinter.line(3, 17, pool, "created", 362)).endsWith(" created (6m2s)");
        assertThat(ProgressPrinter.line(4, 3, pool, "created", 0)).startsWith("[4/4] ");
        assertThat(ProgressPrinter.line(7, 0, pool, "created", 0)).startsWith("[7] + ");
    }

    @Test
    void cliErrorsKeepTheErrorLinesOfACommandException() {
        String message = "code: 255\nstdout: Previewing update (dev):\n    error: program failed\n"
                + "stderr: error: preview failed\nerror: preview failed\n";

        assertThat(CliErrors.summarize(message)).isEqualTo("program failed; preview failed");
        assertThat(CliErrors.summarize("code: 1\nstdout: \nstderr: something odd\nlast words\n")).isEqualTo("last words");
        assertThat(CliErrors.summarize(null)).isEqualTo("no details from the pulumi CLI");
    }

    @Test
    void theServingEndpointsAreTheProgramsOwnOutputsWhenBothUrlsHaveAHost() {
        StackOutputs both = new StackOutputs(Map.of("modelStatusUrl", "http://10.0.0.9:8501/v1/models/iris",
                "restEndpoint", "http://10.0.0.9:8501/v1/models/iris:predict", "grpcEndpoint", "10.0.0.9:8500"), Set.of());
        StackOutputs restOnly = new StackOutputs(Map.of("restEndpoint", "http://34.1.2.3:8501/v1/models/iris:predict"), Set.of());
        StackOutputs noHost = new StackOutputs(Map.of("modelStatusUrl", "http://:8501/v1/models/iris",
                "restEndpoint", "http://:8501/v1/models/iris:predict"), Set.of());

        assertThat(both.servingEndpoints()).contains(Endpoints.of("10.0.0.9", "iris"));
        assertThat(restOnly.servingEndpoints()).isEmpty();
        assertThat(noHost.servingEndpoints()).isEmpty();
    }

    @Test
    void planLinesShowAReplacementOnceThenTheCounts() {
        String pool = ResourceTypes.NODE_POOL;
        String urn = "urn:pulumi:dev::gke-gpu-serving::" + pool + "::gpu-pool";
        ChangePlan plan = new ChangePlan(List.of(new PlannedStep(OperationType.CREATE_REPLACEMENT, pool, urn, false),
                new PlannedStep(OperationType.REPLACE, pool, urn, true),
                new PlannedStep(OperationType.DELETE_REPLACED, pool, urn, false),
                new PlannedStep(OperationType.SAME, ResourceTypes.CLUSTER, "urn:a::gke", false)), Map.of());

        assertThat(ChangeSummary.planLines(plan, Map.of(OperationType.REPLACE, 1, OperationType.SAME, 1))).containsExactly(
                "  +- gcp:container/nodePool:NodePool gpu-pool (replace, protected)",
                "Changes: create 0, update 0, replace 1, delete 0, same 1");
    }

    @Test
    void outputLinesRedactSecretsAndWriteStructuredValuesAsJson() {
        StackOutputs outputs = new StackOutputs(Map.of("kubeconfig", "token: s3cr3t", "modelName", "iris",
                "zones", List.of("us-central1-a")), Set.of("kubeconfig"));

        assertThat(outputs.lines()).containsExactly("  kubeconfig: [secret]", "  modelName: iris",
                "  zones: [ \"us-central1-a\" ]");
    }

    @Test
    void redactionHidesSecretsAndSecretsAreNeverReadAsText() {
        StackOutputs outputs = new StackOutputs(Map.of("kubeconfig", "token: s3cr3t", "modelName", "iris"), Set.of("kubeconfig"));

        assertThat(outputs.redacted()).containsExactly(Map.entry("kubeconfig", "[secret]"), Map.entry("modelName", "iris"));
        assertThat(outputs.text(StackExport.KUBECONFIG)).isEmpty();
        assertThat(outputs.text(StackExport.MODEL_NAME)).contains("iris");
    }
}
