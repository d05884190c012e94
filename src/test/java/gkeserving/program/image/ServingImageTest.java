package gkeserving.program.image;

import gkeserving.program.ResourceTypes;
import com.pulumi.core.Output;
import com.pulumi.docker.ImageArgs;
import com.pulumi.docker.inputs.RegistryArgs;
import com.pulumi.resources.Resource;
import gkeserving.program.App;
import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.cluster.GkeCluster;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import gkeserving.tools.render.ResourceCapture;
import gkeserving.tools.render.ResourceCapture.Captured;
import gkeserving.tools.sdk.PulumiInternals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The real program under the mock engine, for every shipped stack: registry, build, push credential, digest. */
class ServingImageTest {
    private static final String REPOSITORY = ResourceTypes.REPOSITORY;
    private static final String IMAGE = ResourceTypes.DOCKER_IMAGE;
    /** What must never hold back the build: the cluster, its pools, its node identity and its Kubernetes provider. */
    private static final Set<String> CLUSTER_TYPES = Set.of(ResourceTypes.GKE_CLUSTER_COMPONENT, ResourceTypes.CLUSTER,
            ResourceTypes.NODE_POOL, ResourceTypes.KUBERNETES_PROVIDER, ResourceTypes.SERVICE_ACCOUNT,
            ResourceTypes.PROJECT_IAM_MEMBER);
    private static final String DIGEST = "us-central1-docker.pkg.dev/gke-gpu-serving-staging/serving/iris@sha256:"
            + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    static List<String> stacks() {
        return ProgramRun.shippedStackNames().toList();
    }

    private static String config(String stack, String key) {
        return Fixtures.config(stack).get(key);
    }

    private static String registryUrl(String stack) {
        return config(stack, "gcp:region") + "-docker.pkg.dev/" + config(stack, "gcp:project") + "/serving";
    }

    /** Each resource with the args and options the program gave it: secrecy, dependsOn, the resources behind inputs. */
    private static ResourceCapture capture(String stack) {
        var capture = new ResourceCapture();
        ProgramRun.of(stack, Map.of(), List.of(capture)).assertSucceeded();
        return capture;
    }

    private static List<Captured> ofType(ResourceCapture capture, String type) {
        return capture.inConstructionOrder().stream().filter(c -> c.type().equals(type)).toList();
    }

    private static Captured onlyOne(ResourceCapture capture, String type) {
        List<Captured> found = ofType(capture, type);
        assertThat(found).as("captured " + type).hasSize(1);
        return found.get(0);
    }

    /** The chain of parents above a captured resource, nearest first, up to the stack (which is not captured). */
    private static List<Resource> ancestors(ResourceCapture capture, Captured resource) {
        List<Resource> chain = new ArrayList<>();
        for (Optional<Resource> p = resource.options().getParent(); p.isPresent(); p = parentOf(capture, p.get())) {
            chain.add(p.get());
        }
        return chain;
    }

    private static Optional<Resource> parentOf(ResourceCapture capture, Resource resource) {
        return capture.inConstructionOrder().stream().filter(c -> c.resource() == resource).findFirst()
                .flatMap(c -> c.options().getParent());
    }

    private static <T> PulumiInternals.Settled<T> settled(Output<T> output) {
        return PulumiInternals.settled(output).orElseThrow(() -> new AssertionError("an Output never settled"));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void registryIsADockerRepositoryInTheConfiguredRegionThatKeepsTheLastVersions(String stack) {
        Registration registry = ProgramRun.of(stack).assertSucceeded().onlyOne(REPOSITORY);

        assertThat(at(registry, "location")).isEqualTo(config(stack, "gcp:region"));
        assertThat(at(registry, "project")).isEqualTo(config(stack, "gcp:project"));
        assertThat(at(registry, "repositoryId")).isEqualTo("serving");
        assertThat(at(registry, "format")).isEqualTo("DOCKER");
        assertThat(at(registry, "cleanupPolicyDryRun")).isEqualTo(false);
        assertThat(at(registry, "cleanupPolicies[0].action")).isEqualTo("KEEP");
        assertThat(at(registry, "cleanupPolicies[0].mostRecentVersions.keepCount")).isEqualTo(10.0);
        assertThat(at(registry, "cleanupPolicies[1].action")).isEqualTo("KEEP");
        assertThat(at(registry, "cleanupPolicies[1].condition.tagPrefixes")).isEqualTo(List.of("promoted-"));
        assertThat(at(registry, "cleanupPolicies[2].action")).isEqualTo("DELETE");
        assertThat(at(registry, "cleanupPolicies[2].condition.tagState")).isEqualTo("ANY");
    }

    @Test
    void keepVersionsSetsTheKeepCount() {
        Registration registry = ProgramRun.of("dev", Map.of("gke-gpu-serving:image", "{\"keepVersions\": 3}"))
                .assertSucceeded().onlyOne(REPOSITORY);

        assertThat(at(registry, "cleanupPolicies[0].mostRecentVersions.keepCount")).isEqualTo(3.0);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void registryIsProtectedExactlyWhenTheStackSaysSo(String stack) {
        var capture = capture(stack);

        assertThat(onlyOne(capture, REPOSITORY).options().isProtect())
                .isEqualTo(Boolean.parseBoolean(config(stack, "gke-gpu-serving:protect")));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void imageIsBuiltFromTheStagedModelForAmd64AndNamedUnderTheRegistryByContent(String stack) {
        Registration image = ProgramRun.of(stack).assertSucceeded().onlyOne(IMAGE);

        String imageName = (String) at(image, "imageName");
        assertThat(imageName).matches(Pattern.quote(registryUrl(stack) + "/iris:") + "[0-9a-f]{" + ContentTag.LENGTH + "}");
        // the context staged from models/iris and its warm-up records, named by the same tag
        assertThat(at(image, "build.context"))
                .isEqualTo(BuildContext.STAGING_ROOT + "/" + imageName.substring(imageName.lastIndexOf(':') + 1));
        assertThat(at(image, "build.dockerfile")).isEqualTo("serving/Dockerfile");
        assertThat(at(image, "build.platform")).isEqualTo("linux/amd64");
        assertThat(at(image, "build.args")).isEqualTo(Map.of(
                "TF_SERVING_VERSION", "2.18.0", "VARIANT", "-gpu", "MODEL_NAME", "iris"));
        assertThat(at(image, "buildOnPreview")).isEqualTo(false);
        assertThat(at(image, "registry.server")).isEqualTo(config(stack, "gcp:region") + "-docker.pkg.dev");
        assertThat(at(image, "registry.username")).isEqualTo("oauth2accesstoken");
    }

    @Test
    void pushCredentialIsTheGcpAccessTokenMarkedSecret() {
        var capture = capture("dev");

        RegistryArgs registry = settled(((ImageArgs) onlyOne(capture, IMAGE).args()).registry().orElseThrow()).value();
        var password = settled(registry.password().orElseThrow());
        assertThat(password.value()).isEqualTo("<known after up: gcloud access token>");
        assertThat(password.secret()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void imageWaitsForTheRegistryAndForNothingOfTheCluster(String stack) {
        var capture = capture(stack);
        var image = onlyOne(capture, IMAGE);

        assertThat(image.dependsOn()).extracting(Resource::pulumiResourceType).containsExactly(REPOSITORY);
        assertThat(image.inputs().dependencies()).extracting(Resource::pulumiResourceType)
                .doesNotContainAnyElementsOf(CLUSTER_TYPES);
        assertThat(ancestors(capture, image)).extracting(Resource::pulumiResourceType)
                .isNotEmpty().doesNotContainAnyElementsOf(CLUSTER_TYPES);
        // The same holds for the registry it waits on and the component around both.
        var registry = onlyOne(capture, REPOSITORY);
        // The registry waits for nothing but the Artifact Registry API being enabled.
        assertThat(registry.dependsOn()).extracting(Resource::pulumiResourceName).containsExactly("apis-artifactregistry");
        assertThat(registry.inputs().dependencies()).isEmpty();
        assertThat(onlyOne(capture, ResourceTypes.SERVING_IMAGE_COMPONENT).dependsOn()).isEmpty();
    }

    /** The check above is only worth something if the input walk finds dependencies where they exist. */
    @Test
    void theInputWalkFindsTheClusterBehindANodePool() {
        var capture = capture("dev");

        assertThat(ofType(capture, ResourceTypes.NODE_POOL)).isNotEmpty().allSatisfy(pool ->
                assertThat(pool.inputs().dependencies()).extracting(Resource::pulumiResourceType)
                        .contains(ResourceTypes.CLUSTER));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void exportsTheImageByDigestAndTheModelName(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        String imageName = (String) at(run.onlyOne(IMAGE), "imageName");
        // The registry's repoDigest names the repository without the tag: <repository>@sha256:<digest>.
        String repository = imageName.substring(0, imageName.lastIndexOf(':'));

        assertThat((String) run.outputValue("imageRef")).matches(Pattern.quote(repository)
                + "@(sha256:[0-9a-f]{64}|" + Pattern.quote("<known after up: sha256 digest of the pushed image>") + ")");
        assertThat(run.outputValue("modelName")).isEqualTo("iris");
    }

    @Test
    void anExistingDigestIsServedAsGivenWithoutABuild() {
        var run = ProgramRun.of("prod", Map.of("gke-gpu-serving:image", "{\"existingDigest\": \"" + DIGEST + "\"}"))
                .assertSucceeded();

        assertThat(run.ofType(IMAGE)).isEmpty();
        assertThat(run.outputValue("imageRef")).isEqualTo(DIGEST);
        // The (protected) registry stays, so switching between build and promotion never deletes it.
        assertThat(run.ofType(REPOSITORY)).hasSize(1);
    }

    @Test
    void aBrokenModelStopsTheProgramBeforeAnyResourceWithOneMessageNamingThePath() {
        var run = ProgramRun.of("dev", Map.of("gke-gpu-serving:model", "{\"path\": \"models/nowhere\", \"name\": \"iris\"}"));

        assertThat(run.errors()).singleElement().asString()
                .contains("models/nowhere").contains("does not exist");
        assertThat(run.registrations()).isEmpty();
    }

    @Test
    void noDockerDaemonStopsTheProgramBeforeAnyResourceWithOneMessage() {
        DockerDaemon none = host -> Optional.of(List.of("unix:///var/run/docker.sock"));
        var run = ProgramRun.run("dev", Map.of(), List.of(), ctx -> App.stack(ctx, none, ProgramRun.FILES.projectDir(), java.util.Set.of()));

        assertThat(run.errors()).singleElement().asString()
                .contains("Docker daemon", "unix:///var/run/docker.sock", "image.existingDigest");
        assertThat(run.registrations()).isEmpty();
    }

    @Test
    void anExistingDigestNeedsNoDockerDaemon() {
        DockerDaemon none = host -> Optional.of(List.of("unix:///var/run/docker.sock"));
        var run = ProgramRun.run("dev", Map.of("gke-gpu-serving:image", "{\"existingDigest\": \"" + DIGEST + "\"}"),
                List.of(), ctx -> App.stack(ctx, none, ProgramRun.FILES.projectDir(), java.util.Set.of())).assertSucceeded();

        assertThat(run.ofType(IMAGE)).isEmpty();
        assertThat(run.outputValue("imageRef")).isEqualTo(DIGEST);
    }

    @Test
    void theDockerProbeIsGivenTheStacksDockerHost() {
        var asked = new java.util.concurrent.atomic.AtomicReference<Optional<String>>();
        DockerDaemon recording = host -> {
            asked.set(host);
            return Optional.empty();
        };
        ProgramRun.run("dev", Map.of("docker:host", "tcp://127.0.0.1:2375"), List.of(), ctx -> App.stack(ctx, recording, ProgramRun.FILES.projectDir(), java.util.Set.of()))
                .assertSucceeded();

        assertThat(asked.get()).contains("tcp://127.0.0.1:2375");
    }
}
