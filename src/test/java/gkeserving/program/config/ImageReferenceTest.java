package gkeserving.program.config;

import gkeserving.program.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one digest reference and registry address types, and the config rule that uses them. */
class ImageReferenceTest {
    private static final String HEX = "0123456789abcdef".repeat(4);
    private static final String STAGING_IMAGE = "us-central1-docker.pkg.dev/gke-gpu-serving-staging/serving/iris";

    @ParameterizedTest
    @ValueSource(strings = {
            "us-central1-docker.pkg.dev/p/serving/iris@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "localhost:5000/iris@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "gcr.io/my-project/tf-serving_v2.18@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void aFullSha256DigestUnderARegistryPathParsesAndPrintsAsGiven(String text) {
        assertThat(ImageReference.parse(text)).hasValueSatisfying(ref -> {
            assertThat(ref.toString()).isEqualTo(text);
            assertThat(ref.digest()).isEqualTo("sha256:" + HEX);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "iris:latest",
            "us-central1-docker.pkg.dev/p/serving/iris:1.0",
            "us-central1-docker.pkg.dev/p/serving/iris@sha256:123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "us-central1-docker.pkg.dev/p/serving/iris@sha256:" + "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
            "@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            // No path under the registry, and uppercase in the path: Docker refuses both.
            "iris@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "us-central1-docker.pkg.dev/p/serving/Iris@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "us-central1-docker.pkg.dev/p/serving/iris@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef "})
    void anythingElseIsNotADigestReference(String text) {
        assertThat(ImageReference.parse(text)).isEmpty();
    }

    @Test
    void nullIsNotADigestReference() {
        assertThat(ImageReference.parse(null)).isEmpty();
    }

    @Test
    void anArtifactRegistryImageNamesItsRepository() {
        var ref = ImageReference.parse(STAGING_IMAGE + "@sha256:" + HEX).orElseThrow();

        assertThat(ref.name()).isEqualTo(STAGING_IMAGE);
        assertThat(ref.registry()).contains(new ArtifactRegistry("us-central1", "gke-gpu-serving-staging", "serving"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcr.io/p/iris", "us-central1-docker.pkg.dev/p/serving"})
    void otherRegistriesAndARepositoryWithoutAnImageNameNone(String name) {
        assertThat(ImageReference.parse(name + "@sha256:" + HEX).orElseThrow().registry()).isEmpty();
    }

    @Test
    void registryCoordinatesFollowArtifactRegistrysNaming() {
        var registry = new ArtifactRegistry("europe-west4", "my-project", "serving");

        assertThat(registry.host()).isEqualTo("europe-west4-docker.pkg.dev");
        assertThat(registry.url()).isEqualTo("europe-west4-docker.pkg.dev/my-project/serving");
        assertThat(registry.imageName("iris", "0123abcd")).isEqualTo("europe-west4-docker.pkg.dev/my-project/serving/iris:0123abcd");
        assertThat(ArtifactRegistry.holding(registry.url() + "/iris")).contains(registry);
    }

    @Test
    void theStacksOwnRegistryIsItsRepositoryInItsProjectAndRegion() {
        Settings dev = Fixtures.settings("dev");

        assertThat(ArtifactRegistry.of(dev.gcp(), dev.image()))
                .isEqualTo(new ArtifactRegistry("us-central1", "gke-gpu-serving-dev", "serving"));
    }

    @Test
    void existingDigestIsReadAsAReferenceAndRefusedWhenItIsNone() {
        var promoted = Fixtures.settings("prod", Map.of(Fixtures.IMAGE, "{\"existingDigest\":\"" + STAGING_IMAGE + "@sha256:" + HEX + "\"}"));

        assertThat(promoted.image().existingImage().flatMap(ImageReference::registry).map(ArtifactRegistry::project))
                .isEqualTo(Optional.of("gke-gpu-serving-staging"));
        assertThat(Fixtures.settings("prod").image().existingImage()).isEmpty();
        assertThatThrownBy(() -> Fixtures.settings("prod", Map.of(Fixtures.IMAGE, "{\"existingDigest\":\"iris@sha256:" + HEX + "\"}")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("image.existingDigest (iris@sha256:" + HEX
                        + ") must be a digest reference <registry>/<path>@sha256:<64 hex digits>");
    }
}
