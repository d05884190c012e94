package gkeserving.tools.render;

import gkeserving.tools.CommandRun;
import gkeserving.program.ResourceTypes;
import gkeserving.program.App;
import gkeserving.program.ProgramRun;
import gkeserving.program.TestFiles;
import gkeserving.tools.render.check.ManifestValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The real program, for every stack file in the repository. */
class ShippedStacksRenderTest {
    private static final ManifestValidator VALIDATOR = new ManifestValidator();

    static Render render(String stack) {
        return new Renderer(App::stack).render(ProgramRun.FILES.project(), stack, ProgramRun.FILES.config(stack));
    }

    private static CommandRun renderTo(String stack, Path out, String... extra) {
        String[] args = Stream.concat(Stream.of("--stack", stack, "--out", out.toString(),
                "--project-dir", ProgramRun.FILES.projectDir().toString()), Stream.of(extra)).toArray(String[]::new);
        return CommandRun.of(new CommandLine(new RenderCommand()), args);
    }

    private static RenderedResource one(Render render, String type, String name) {
        return render.resources().stream().filter(r -> r.type().equals(type) && r.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " named " + name));
    }

    @ParameterizedTest
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void everyKubernetesObjectPassesTheValidatorAndTheCheckExitsZero(String stack, @TempDir Path out) {
        CommandRun run = renderTo(stack, out, "--check");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> files = RenderedTree.read(out.resolve(ManifestWriter.DIRECTORY));
        files.forEach((name, text) -> {
            if (!name.contains("-helmrelease-")) {
                assertThat(VALIDATOR.validateYaml(text, name)).as(name).isEmpty();
            }
        });
        assertThat(run.out()).contains("Check: " + files.keySet().stream()
                .filter(name -> !name.contains("-helmrelease-")).count() + " Kubernetes objects match their schemas");
    }

    @ParameterizedTest
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void twoConsecutiveRendersAreByteIdentical(String stack, @TempDir Path temp) {
        assertThat(renderTo(stack, temp.resolve("first")).exitCode()).isZero();
        assertThat(renderTo(stack, temp.resolve("second")).exitCode()).isZero();

        Map<String, String> first = RenderedTree.read(temp.resolve("first"));
        assertThat(first).containsKey(PlanWriter.FILE);
        assertThat(RenderedTree.read(temp.resolve("second"))).isEqualTo(first);
    }

    @ParameterizedTest
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theClusterKubeconfigIsSecretInThePlanAndOutputs(String stack) {
        Render render = render(stack);

        RenderedResource provider = one(render, ResourceTypes.KUBERNETES_PROVIDER, "gke-k8s");
        assertThat(provider.inputs()).containsEntry("kubeconfig", SecretMask.MASK);
        assertThat(provider.dependencies()).as("the cluster it is built from and the pools it waits for")
                .containsExactly("gke-cluster", "gke-cpu", "gke-gpu");
        assertThat(PlanWriter.json(render)).doesNotContain("gke-gcloud-auth-plugin", "certificate-authority-data");
        assertThat(render.outputs()).contains(new StackOutput("kubeconfig", SecretMask.MASK));
    }

    @ParameterizedTest
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void valuesOnlyTheCloudKnowsArePlaceholders(String stack) {
        assertThat(render(stack).outputs())
                .contains(new StackOutput("clusterEndpoint", "<known after up: cluster endpoint>"));
    }

    @Test
    void protectFollowsTheStacksSettingAndReachesTheClusterOnly() {
        assertThat(one(render("prod"), ResourceTypes.CLUSTER, "gke-cluster").protect()).isTrue();
        assertThat(one(render("prod"), ResourceTypes.NODE_POOL, "gke-gpu").protect()).isFalse();
        assertThat(one(render("dev"), ResourceTypes.CLUSTER, "gke-cluster").protect()).isFalse();
    }

    @Test
    void inputsAreWhatTheProgramSendsWithWholeNumbersAsIntegers() {
        RenderedResource gpuPool = one(render("prod"), ResourceTypes.NODE_POOL, "gke-gpu");

        assertThat(ProgramRun.at(gpuPool.inputs(), "autoscaling.totalMaxNodeCount")).isEqualTo(7);
        assertThat(ProgramRun.at(gpuPool.inputs(), "nodeConfig.taints[0].key")).isEqualTo("nvidia.com/gpu");
        assertThat(gpuPool.parent()).isEqualTo("gke");
        // The pool waits for the APIs it calls, its identity's role grants (not only the account) and private nodes' NAT.
        assertThat(gpuPool.dependencies()).containsExactly("apis-compute", "apis-container", "apis-containerfilesystem",
                "gke-cluster", "gke-nodes", "gke-nodes-container.defaultNodeServiceAccount", "gke-nodes-pull-serving",
                "gke-nodes-serviceusage.serviceUsageConsumer", "network-nat");
    }

    @ParameterizedTest
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theServingDeploymentWaitsForTheDevicePluginButTheImageWaitsForNoCluster(String stack) {
        Render render = render(stack);
        // The SDK expands a dependency on a component to all of its children (driver installer, operator, ...).
        assertThat(one(render, ResourceTypes.DEPLOYMENT, "tf-serving-deployment").dependencies())
                .contains("nvidia", "serving-image-build");
        assertThat(one(render, ResourceTypes.DOCKER_IMAGE, "serving-image-build").dependencies())
                .containsExactly("serving-image-registry");
    }

    @Test
    void aRenderWritesNothingIntoTheProjectOnlyItsOutput(@TempDir Path temp) throws IOException {
        Path project = Files.createDirectories(temp.resolve("project"));
        for (String file : List.of("Pulumi.yaml", "Pulumi.dev.yaml")) {
            Files.copy(ProgramRun.FILES.projectDir().resolve(file), project.resolve(file));
        }
        TestFiles.copyTree(ProgramRun.FILES.projectDir().resolve("models/iris"), project.resolve("models/iris"));
        TestFiles.copyTree(ProgramRun.FILES.projectDir().resolve("serving"), project.resolve("serving"));

        CommandRun run = CommandRun.of(new CommandLine(new RenderCommand()),
                "--stack", "dev", "--out", temp.resolve("out").toString(), "--project-dir", project.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // The build context is staged only by runs whose docker provider builds (preview, up), not by a render.
        assertThat(project.resolve("target")).doesNotExist();
        assertThat(RenderedTree.read(temp.resolve("out")).get(PlanWriter.FILE)).contains("\"context\": \"target/serving-image/");
    }
}
