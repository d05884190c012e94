package gkeserving.program.image;

import gkeserving.program.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImageBuildTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @Test
    void theImageIsNamedAfterTheModelAndTaggedByContent() {
        var plan = ImageBuild.plan(ServingImage.Args.of(Fixtures.settings("dev"), PROJECT));

        assertThat(plan.imageName()).isEqualTo("us-central1-docker.pkg.dev/gke-gpu-serving-dev/serving/iris:" + plan.tag());
        assertThat(plan.tag()).isEqualTo(ContentTag.of(PROJECT.resolve("models/iris"),
                ImageBuild.dockerfileText(PROJECT), plan.buildArgs(), "linux/amd64"));
        assertThat(plan.buildArgs()).containsExactly(
                Map.entry("MODEL_NAME", "iris"), Map.entry("TF_SERVING_VERSION", "2.18.0"), Map.entry("VARIANT", "-gpu"));
    }

    @Test
    void anUnchangedModelPlansTheSameImageAndANewTfServingVersionANewOne() {
        var first = ImageBuild.plan(ServingImage.Args.of(Fixtures.settings("dev"), PROJECT));
        var again = ImageBuild.plan(ServingImage.Args.of(Fixtures.settings("dev"), PROJECT));
        var upgraded = ImageBuild.plan(ServingImage.Args.of(
                Fixtures.settings("dev", Map.of("gke-gpu-serving:serving", "{\"tfServingVersion\": \"2.17.0\"}")), PROJECT));

        assertThat(again.imageName()).isEqualTo(first.imageName());
        assertThat(upgraded.imageName()).isNotEqualTo(first.imageName());
    }

    @Test
    void pathsGivenToTheProviderAreProjectRelativeWithForwardSlashes() {
        Path project = Path.of("/work/project");

        assertThat(ImageBuild.projectRelative(project, project.resolve("models/hf-vit"))).isEqualTo("models/hf-vit");
        assertThat(ImageBuild.projectRelative(project, project.resolve("models/../models/iris"))).isEqualTo("models/iris");
        assertThat(ImageBuild.projectRelative(project, Path.of("/data/models/iris"))).isEqualTo("/data/models/iris");
    }

    @Test
    void dockerfileRunsAsTheUidThePodsRunAs() throws java.io.IOException {
        String dockerfile = java.nio.file.Files.readString(java.nio.file.Path.of(ImageBuild.DOCKERFILE));
        org.assertj.core.api.Assertions.assertThat(dockerfile)
                .containsPattern("(?m)^USER " + ImageBuild.NON_ROOT_UID + ":" + ImageBuild.NON_ROOT_UID + "$");
    }
}
