package gkeserving.program.image;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.config.ArtifactRegistry;
import gkeserving.program.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link ServingRegistry} and {@link ImageBuild#args} from shipped stacks' settings, without Pulumi. */
class ServingRegistryTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theRegistryIsTheStacksDockerRepositoryAndKeepsOnlyTheLastVersions(String stack) {
        Settings s = Fixtures.settings(stack);
        var repository = Fixtures.inputs(ServingRegistry.args(ArtifactRegistry.of(s.gcp(), s.image()), s.image().keepVersions()));

        assertThat(at(repository, "project")).isEqualTo(s.gcp().project());
        assertThat(at(repository, "location")).isEqualTo(s.gcp().region());
        assertThat(at(repository, "repositoryId")).isEqualTo(s.image().repository());
        assertThat(at(repository, "format")).isEqualTo("DOCKER");
        assertThat(at(repository, "cleanupPolicyDryRun")).isEqualTo(false);
        assertThat(at(repository, "cleanupPolicies")).isEqualTo(List.of(
                Map.of("id", "keep-most-recent", "action", "KEEP",
                        "mostRecentVersions", Map.of("keepCount", (double) s.image().keepVersions())),
                Map.of("id", "delete-older", "action", "DELETE", "condition", Map.of("tagState", "ANY"))));
    }

    @Test
    void theImageIsBuiltWithBuildKitForAmd64NeverOnPreviewAndPushedWithTheToken() {
        var plan = ImageBuild.plan(ServingImage.Args.of(Fixtures.settings("dev"), PROJECT, WarmupFiles.NONE, false));
        var args = plan.args(Output.of("token").asSecret());
        var image = Fixtures.inputs(args);

        assertThat(at(image, "imageName")).isEqualTo(plan.imageName());
        assertThat(at(image, "build.context")).isEqualTo("target/serving-image/" + plan.tag());
        assertThat(at(image, "build.dockerfile")).isEqualTo("serving/Dockerfile");
        assertThat(at(image, "build.platform")).isEqualTo("linux/amd64");
        assertThat(at(image, "build.args")).isEqualTo(plan.buildArgs());
        assertThat(at(image, "build.builderVersion")).isEqualTo("BuilderBuildKit");
        assertThat(at(image, "buildOnPreview")).isEqualTo(false);
        assertThat(at(image, "registry.server")).isEqualTo("us-central1-docker.pkg.dev");
        assertThat(at(image, "registry.username")).isEqualTo("oauth2accesstoken");
        assertThat(Fixtures.isSecret(args.registry().map(Fixtures::value).orElseThrow().password().orElseThrow())).isTrue();
    }
}
