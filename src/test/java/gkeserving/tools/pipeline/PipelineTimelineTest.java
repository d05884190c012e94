package gkeserving.tools.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import gkeserving.program.ResourceTypes;
import gkeserving.tools.pipeline.EngineEventsJson.StateResource;
import gkeserving.tools.pipeline.EngineEventsJson.Step;
import gkeserving.tools.pipeline.EngineEventsJson.Timed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A first deploy with timed engine events: the printed critical path, the longest operations and the report's timeline. */
class PipelineTimelineTest {
    private static final Step COMPONENT = Step.of("create", ResourceTypes.SERVING_IMAGE_COMPONENT, "serving-image");
    private static final Step SA = Step.of("create", ResourceTypes.SERVICE_ACCOUNT, "gke-nodes");
    private static final Step CLUSTER = Step.of("create", ResourceTypes.CLUSTER, "gke-cluster");
    private static final Step POOL = Step.of("create", ResourceTypes.NODE_POOL, "gke-gpu");
    private static final Step K8S = Step.of("create", ResourceTypes.KUBERNETES_PROVIDER, "gke-k8s");
    private static final Step OPERATOR = Step.of("create", ResourceTypes.HELM_RELEASE, "nvidia-gpu-operator");
    private static final Step REGISTRY = Step.of("create", ResourceTypes.REPOSITORY, "serving-image-registry");
    private static final Step IMAGE = Step.of("create", ResourceTypes.DOCKER_IMAGE, "serving-image-build");
    private static final Step NAMESPACE = Step.of("create", ResourceTypes.NAMESPACE, "tf-serving-namespace");
    private static final Step DEPLOYMENT = Step.of("create", ResourceTypes.DEPLOYMENT, "tf-serving-deployment");
    private static final Step HPA = Step.of("create", ResourceTypes.HPA, "tf-serving-hpa");

    /** Seconds after the update's start; the image build runs beside the cluster and finishes long before it. */
    private static final List<Timed> FIRST_DEPLOY = List.of(
            new Timed(COMPONENT, 0, 400),
            new Timed(SA, 0, 4),
            new Timed(REGISTRY, 0, 9),
            new Timed(CLUSTER, 4, 364),
            new Timed(IMAGE, 9, 249),
            new Timed(POOL, 364, 544),
            new Timed(K8S, 544, 545),
            new Timed(NAMESPACE, 545, 546),
            new Timed(HPA, 546, 547),
            new Timed(OPERATOR, 546, 726),
            new Timed(DEPLOYMENT, 730, 850));

    @TempDir
    Path tempDir;

    private PipelineHarness firstDeploy() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        List<Step> steps = FIRST_DEPLOY.stream().map(Timed::step).toList();
        h.cli.events("dev", "preview", EngineEventsJson.run("dev", true, steps));
        h.cli.events("dev", "up", EngineEventsJson.timedRun("dev", FIRST_DEPLOY));
        h.cli.state("dev", EngineEventsJson.deployment("dev", List.of(
                new StateResource(COMPONENT, List.of(), null),
                new StateResource(SA, List.of(), null),
                new StateResource(CLUSTER, List.of(SA), null),
                new StateResource(POOL, List.of(CLUSTER, SA), null),
                new StateResource(K8S, List.of(CLUSTER, POOL), null),
                new StateResource(OPERATOR, List.of(POOL, K8S), K8S),
                new StateResource(REGISTRY, List.of(), null),
                new StateResource(IMAGE, List.of(REGISTRY), null),
                new StateResource(NAMESPACE, List.of(K8S), K8S),
                new StateResource(DEPLOYMENT, List.of(IMAGE, NAMESPACE, OPERATOR), K8S),
                new StateResource(HPA, List.of(NAMESPACE), K8S))));
        return h;
    }

    @Test
    void afterUpThePipelinePrintsTheChainThatDecidedTheTotalAndTheLongestOperations() {
        PipelineHarness h = firstDeploy();

        int exit = h.run("deploy", "--stack", "dev", "--skip-smoke");

        assertThat(exit).as(h.err()).isZero();
        String out = h.out();
        assertThat(out).contains(String.join("\n",
                "Critical path (14m10s of the update's 14m10s; +offset from the first operation's start):",
                "  +0s           4s  + gcp:serviceaccount/account:Account gke-nodes (create)",
                "  +4s           6m  + gcp:container/cluster:Cluster gke-cluster (create)",
                "  +6m4s         3m  + gcp:container/nodePool:NodePool gke-gpu (create)",
                "  +9m4s         1s  + pulumi:providers:kubernetes gke-k8s (create)",
                "  +9m6s         3m  + kubernetes:helm.sh/v3:Release nvidia-gpu-operator (create)",
                "  +12m10s       2m  + kubernetes:apps/v1:Deployment tf-serving-deployment (create)",
                "Longest operations:",
                "       6m  + gcp:container/cluster:Cluster gke-cluster (create)",
                "       4m  + docker:index/image:Image serving-image-build (create)"));
        // The component spans its children and is no operation of its own; the registry and image wait for no cluster.
        assertThat(out.substring(out.indexOf("Critical path"), out.indexOf("Longest operations")))
                .doesNotContain("serving-image-registry", "serving-image-build", "ServingImage");
        assertThat(out.substring(out.indexOf("Longest operations"))).doesNotContain("ServingImage");
        assertThat(h.argvs()).contains(List.of("stack", "export", "--stack", "dev", "--non-interactive"));
    }

    @Test
    void theProgressLinesShowTheEngineTimestampsDurations() {
        PipelineHarness h = firstDeploy();

        h.run("deploy", "--stack", "dev", "--skip-smoke");

        assertThat(h.out()).contains("+ gcp:container/cluster:Cluster gke-cluster created (6m)",
                "+ kubernetes:apps/v1:Deployment tf-serving-deployment created (2m)");
    }

    @Test
    void theReportCarriesEveryOperationWithItsStartEndAndDurationAndTheChain() {
        PipelineHarness h = firstDeploy();

        h.run("deploy", "--stack", "dev", "--skip-smoke");

        JsonNode timeline = h.report().path("timeline");
        assertThat(timeline).hasSize(FIRST_DEPLOY.size());
        JsonNode cluster = find(timeline, "gke-cluster");
        assertThat(cluster.path("urn").asText()).isEqualTo(EngineEventsJson.urn("dev", CLUSTER));
        assertThat(cluster.path("type").asText()).isEqualTo(ResourceTypes.CLUSTER);
        assertThat(cluster.path("op").asText()).isEqualTo("create");
        assertThat(cluster.path("start").asText()).isEqualTo("2025-03-01T10:00:04Z");
        assertThat(cluster.path("end").asText()).isEqualTo("2025-03-01T10:06:04Z");
        assertThat(cluster.path("durationSeconds").asLong()).isEqualTo(360);
        assertThat(cluster.path("custom").asBoolean()).isTrue();
        assertThat(find(timeline, "serving-image").path("custom").asBoolean()).isFalse();
        List<String> chain = new ArrayList<>();
        h.report().path("criticalPath").forEach(op -> chain.add(op.path("name").asText()));
        assertThat(chain).containsExactly("gke-nodes", "gke-cluster", "gke-gpu", "gke-k8s", "nvidia-gpu-operator",
                "tf-serving-deployment");
    }

    @Test
    void anUnreadableDependencyGraphCostsTheChainOnly() {
        PipelineHarness h = firstDeploy();
        h.cli.fail("dev", "stack export", "error: could not read the state");

        int exit = h.run("deploy", "--stack", "dev", "--skip-smoke");

        assertThat(exit).as(h.err()).isZero();
        assertThat(h.out()).contains("Critical path: not known (the stack's dependency graph could not be read:",
                "Longest operations:");
        assertThat(h.report().path("timeline")).hasSize(FIRST_DEPLOY.size());
    }

    @Test
    void aFailedUpdateStillRecordsItsTimeline() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.events("dev", "up", EngineEventsJson.failedRun("dev", List.of(PipelineHarness.DEPLOYMENT_UPDATE),
                PipelineHarness.HPA_CREATE, "admission webhook denied the request"));
        h.cli.fail("dev", "up", "error: update failed");

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(1);
        JsonNode timeline = h.report().path("timeline");
        assertThat(find(timeline, "serving").path("op").asText()).isIn("update", "create");
        assertThat(timeline).anySatisfy(op -> assertThat(op.path("failed").asBoolean()).isTrue());
        assertThat(h.argvs()).noneMatch(argv -> argv.size() > 1 && argv.get(1).equals("export"));
    }

    private static JsonNode find(JsonNode timeline, String name) {
        for (JsonNode op : timeline) {
            if (op.path("name").asText().equals(name)) {
                return op;
            }
        }
        throw new AssertionError("no operation on " + name + " in " + timeline);
    }
}
