package gkeserving.tools.render;

import gkeserving.program.ResourceTypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The expected chain of a first `up`, offline, for every shipped stack. */
class ExpectedChainTest {

    private static Set<String> closure(Map<String, Set<String>> waits, String name, Set<String> notThrough) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(waits.getOrDefault(name, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next) && !notThrough.contains(next)) {
                todo.addAll(waits.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    private static List<RenderedResource> ofType(Render render, String type) {
        return render.resources().stream().filter(r -> r.type().equals(type)).toList();
    }

    private static String only(Render render, String type) {
        List<RenderedResource> found = ofType(render, type);
        assertThat(found).as(type).hasSize(1);
        return found.get(0).name();
    }

    @ParameterizedTest
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theRegistryAndTheImageBuildAreNeverOnTheClustersChain(String stack) {
        Render render = ShippedStacksRenderTest.render(stack);
        Map<String, Set<String>> waits = ExpectedChain.waits(render);
        String registry = only(render, ResourceTypes.REPOSITORY);
        String image = only(render, ResourceTypes.DOCKER_IMAGE);
        String cluster = only(render, ResourceTypes.CLUSTER);

        // The image build does not wait for the cluster (or a node pool) ...
        assertThat(closure(waits, image, Set.of())).contains(registry).doesNotContain(cluster)
                .doesNotContainAnyElementsOf(ofType(render, ResourceTypes.NODE_POOL).stream().map(RenderedResource::name).toList());
        // ... nor does the cluster, or anything it waits for, wait for them.
        assertThat(closure(waits, cluster, Set.of())).doesNotContain(registry, image);
        // So the expected chain runs through the cluster, and the build runs beside it.
        List<String> chain = ExpectedChain.of(render).stream().map(l -> l.resource().name()).toList();
        assertThat(chain).contains(cluster).doesNotContain(registry, image);
        assertThat(ExpectedChain.text(render)).contains("beside it, in parallel: ").contains(ResourceTypes.DOCKER_IMAGE + " " + image);
    }

    @ParameterizedTest
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void noKubernetesObjectWaitsForTheImageUnlessItUsesIt(String stack) {
        Render render = ShippedStacksRenderTest.render(stack);
        Map<String, Set<String>> waits = ExpectedChain.waits(render);
        String image = only(render, ResourceTypes.DOCKER_IMAGE);
        List<RenderedResource> kubernetes = render.resources().stream()
                .filter(r -> r.type().startsWith("kubernetes:")).toList();
        List<String> users = kubernetes.stream().filter(r -> r.inputs().toString().contains("@<known after up: sha256"))
                .map(RenderedResource::name).toList();

        assertThat(users).as("the objects that run the image").containsExactly(only(render, ResourceTypes.DEPLOYMENT));
        for (RenderedResource object : kubernetes) {
            if (users.contains(object.name())) {
                continue;
            }
            // Waiting for an object that runs the image (the autoscaler for its Deployment) is waiting for that object.
            assertThat(closure(waits, object.name(), Set.copyOf(users))).as(object.name()).doesNotContain(image);
        }
    }

    @Test
    void devsChainRunsThroughTheGpuPoolToTheDeploymentThatWaitsForAGpuNodeFromZero() {
        String text = ExpectedChain.text(ShippedStacksRenderTest.render("dev"));

        assertThat(text).startsWith("Expected chain of a first `up` (typical durations: estimates, not measurements):\n");
        assertThat(text).containsSubsequence(
                ResourceTypes.CLUSTER, "gke-cluster", "5m-8m",
                ResourceTypes.NODE_POOL, "2m-4m",
                ResourceTypes.HELM_RELEASE, "nvidia-gpu-operator", "2m-5m",
                ResourceTypes.DEPLOYMENT, "tf-serving-deployment", "4m-11m (with a GPU node from zero: 3m-7m)",
                "in all");
    }

    @Test
    void prodKeepsGpuNodesSoItsDeploymentWaitsForNoneFromZero() {
        String text = ExpectedChain.text(ShippedStacksRenderTest.render("prod"));

        assertThat(text).contains(ResourceTypes.DEPLOYMENT).doesNotContain("GPU node from zero");
    }

    @Test
    void everyTypeTheProgramRegistersHasATypicalDuration() {
        Set<String> types = new HashSet<>();
        for (String stack : List.of("dev", "staging", "prod")) {
            ShippedStacksRenderTest.render(stack).resources().stream().filter(r -> !r.type().startsWith("gke-gpu-serving:"))
                    .forEach(r -> types.add(r.type()));
        }

        assertThat(types).allSatisfy(type -> assertThat(TypicalDurations.of(type)).as(type).isNotEqualTo(TypicalDurations.UNKNOWN));
    }
}
