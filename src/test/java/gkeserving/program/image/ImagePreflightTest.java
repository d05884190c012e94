package gkeserving.program.image;

import gkeserving.program.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What stops the program before any resource: a broken model, a missing Dockerfile, no Docker daemon. */
class ImagePreflightTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final DockerDaemon ANSWERS = host -> Optional.empty();
    private static final DockerDaemon SILENT = host -> Optional.of(List.of("unix:///var/run/docker.sock"));
    private static final DockerDaemon MUST_NOT_BE_ASKED = host -> {
        throw new AssertionError("the Docker daemon was probed although nothing is built");
    };
    private static final String DIGEST = "us-central1-docker.pkg.dev/p/serving/iris@sha256:"
            + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void aServableModelPassesAndItsReportIsTheNote() {
        var result = ImagePreflight.check(Fixtures.settings("dev"), PROJECT, ANSWERS, Optional.empty());

        assertThat(result.failure()).isEmpty();
        assertThat(result.notes()).singleElement().asString()
                .startsWith("model 'iris' at ").contains("features DT_FLOAT [-1,4] -> probabilities DT_FLOAT [-1,3]");
    }

    @Test
    void aBrokenModelFailsWithThePreflightsMessage() {
        var result = ImagePreflight.check(Fixtures.settings("dev", Map.of("gke-gpu-serving:model", "{\"path\": \"models/iris\", \"signature\": \"predict\"}")),
                PROJECT, ANSWERS, Optional.empty());

        assertThat(result.passed()).isFalse();
        assertThat(result.failure()).get().asString().startsWith("model.path (models/iris): ")
                .contains("saved_model.pb", "no signature 'predict'", "serving_default");
    }

    @Test
    void aMissingDockerfileFailsNamingIt() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path version = Files.createDirectories(project.resolve("models/iris/1/variables"));
        Files.copy(PROJECT.resolve("models/iris/1/saved_model.pb"), version.resolveSibling("saved_model.pb"));

        var result = ImagePreflight.check(Fixtures.settings("dev"), project, ANSWERS, Optional.empty());

        assertThat(result.failure()).get().asString().contains(project.resolve("serving/Dockerfile").toString(), "Pulumi.yaml");
    }

    @Test
    void noDockerDaemonFailsSayingWhereItLookedAndHowToDoWithout() {
        var result = ImagePreflight.check(Fixtures.settings("dev"), PROJECT, SILENT, Optional.empty());

        assertThat(result.failure()).get().asString()
                .startsWith("Building the serving image needs a running Docker daemon")
                .contains("unix:///var/run/docker.sock", "DOCKER_HOST", "image.existingDigest");
    }

    @Test
    void anExistingDigestNeedsNeitherTheModelDirectoryNorDocker() {
        var settings = Fixtures.settings("dev", Map.of(
                "gke-gpu-serving:model", "{\"path\": \"models/not-in-this-checkout\", \"name\": \"iris\"}",
                "gke-gpu-serving:image", "{\"existingDigest\": \"" + DIGEST + "\"}"));

        var result = ImagePreflight.check(settings, PROJECT, MUST_NOT_BE_ASKED, Optional.empty());

        assertThat(result.failure()).isEmpty();
        assertThat(result.notes()).singleElement().asString().contains(DIGEST, "'iris'", "models/not-in-this-checkout");
    }

    @Test
    void aSpecificVersionTheModelDoesNotHaveFailsNamingBoth() {
        var result = ImagePreflight.check(Fixtures.settings("dev", Map.of("gke-gpu-serving:serving", "{\"versionPolicy\": {\"specific\": [1, 2]}}")),
                PROJECT, ANSWERS, Optional.empty());
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f)
                .contains("serving.versionPolicy.specific lists version 2").contains("models/iris has versions [1]"));
    }

    @Test
    void aLabelOnAVersionTheLatestPolicyDoesNotLoadFails() {
        var result = ImagePreflight.check(Fixtures.settings("dev", Map.of("gke-gpu-serving:serving", "{\"versionLabels\": {\"canary\": 3}}")),
                PROJECT, ANSWERS, Optional.empty());
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f)
                .contains("serving.versionLabels.canary (3) names a version TF Serving will not load")
                .contains("of which the version policy loads [1]"));
        var onLoaded = ImagePreflight.check(Fixtures.settings("dev", Map.of("gke-gpu-serving:serving", "{\"versionLabels\": {\"stable\": 1}}")),
                PROJECT, ANSWERS, Optional.empty());
        assertThat(onLoaded.passed()).isTrue();
    }
}
