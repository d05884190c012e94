package gkeserving.program.config;

import gkeserving.program.config.GpuOperatorReleases.Release;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The release table and its pure range logic. */
class GpuOperatorReleasesTest {
    @ParameterizedTest(name = "{0} -> 1.{1}")
    @CsvSource({"1.35.8-gke.1036000, 35", "1.36.4-gke.1391000, 36", "1.33.2-gke.1240000, 33", "1.35.0, 35",
            "1.35.0-gke.placeholder, 35", "1.9.0-gke.1, 9"})
    void minorOfAGkeVersion(String version, int minor) {
        assertThat(GpuOperatorReleases.kubernetesMinor(version)).isEqualTo(OptionalInt.of(minor));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "1.35", "v1.35.0", "2.1.0", "1.x.0", "latest", "1.35.0gke"})
    void notAKubernetesVersion(String version) {
        assertThat(GpuOperatorReleases.kubernetesMinor(version)).isEmpty();
    }

    @Test
    void rangeIsInclusiveAtBothEnds() {
        var release = new Release("v0.0.0", 33, 36, "test");

        assertThat(release.supports(32)).isFalse();
        assertThat(release.supports(33)).isTrue();
        assertThat(release.supports(36)).isTrue();
        assertThat(release.supports(37)).isFalse();
        assertThat(release.range()).isEqualTo("1.33-1.36");
    }

    @Test
    void v26_7_0IsSupportedOnKubernetes133To136() {
        Release release = GpuOperatorReleases.find("v26.7.0").orElseThrow();

        assertThat(release.range()).isEqualTo("1.33-1.36");
        assertThat(release.source()).contains("NVIDIA/cloud-native-docs 52dcb7b8d956784344e241df476de17094a4574c");
    }

    /** What the channels served when the pin was chosen (GKE release notes, Sept 2026): RAPID 1.36, REGULAR and STABLE 1.35. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.36.4-gke.1391000", "1.35.8-gke.1036000", "1.35.6-gke.1250000"})
    void defaultReleaseSupportsWhatEveryChannelServes(String channelDefault) {
        Release pinned = GpuOperatorReleases.find(GpuOperatorReleases.DEFAULT_VERSION).orElseThrow();

        assertThat(pinned.supports(GpuOperatorReleases.kubernetesMinor(channelDefault).orElseThrow())).isTrue();
    }

    @Test
    void everyReleaseIsListedOnceWithASourceCommitAndASaneRange() {
        assertThat(GpuOperatorReleases.versions()).doesNotHaveDuplicates().contains(GpuOperatorReleases.DEFAULT_VERSION);
        assertThat(GpuOperatorReleases.ALL).allSatisfy(r -> {
            assertThat(r.version()).matches("v[0-9]+\\.[0-9]+\\.[0-9]+");
            assertThat(r.minMinor()).isLessThanOrEqualTo(r.maxMinor());
            assertThat(r.source()).matches("NVIDIA/cloud-native-docs [0-9a-f]{40} gpu-operator/platform-support\\.rst");
        });
    }

    @Test
    void supportingListsExactlyTheReleasesWhoseRangeHoldsTheMinor() {
        assertThat(GpuOperatorReleases.supporting(36)).extracting(Release::version)
                .containsExactly("v26.3.2", "v26.3.3", "v26.7.0");
        assertThat(GpuOperatorReleases.supporting(37)).isEmpty();
    }

    @Test
    void unknownVersionIsNotFound() {
        assertThat(GpuOperatorReleases.find("v25.3.0")).isEmpty();
    }
}
