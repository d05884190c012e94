package gkeserving.program.cluster;

import gkeserving.program.config.ClusterSettings.ReleaseChannel;
import gkeserving.program.config.GpuOperatorReleases;
import gkeserving.program.config.GpuOperatorReleases.Release;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The judgement of a pinned release against GKE's channel defaults, without the invoke. */
class GpuOperatorSupportTest {
    private static final Release V26_7_0 = GpuOperatorReleases.find("v26.7.0").orElseThrow();
    private static final Map<String, String> LATE_2026 = Map.of(
            "RAPID", "1.36.4-gke.1391000", "REGULAR", "1.35.8-gke.1036000", "STABLE", "1.35.6-gke.1250000");

    @Test
    void supportedChannelDefaultPassesWithWhatWasChecked() {
        var result = GpuOperatorSupport.judge(V26_7_0, ReleaseChannel.RAPID, "us-central1", LATE_2026);

        assertThat(result.failure()).isEmpty();
        assertThat(result.checked()).contains(new GpuOperatorSupport.Checked(V26_7_0, ReleaseChannel.RAPID, 36));
        assertThat(result.checked().orElseThrow().description())
                .isEqualTo("GPU Operator v26.7.0 supports Kubernetes 1.33-1.36; checked against 1.36, the default of GKE's RAPID channel");
    }

    @Test
    void newerChannelDefaultFailsNamingKeyChannelAndRange() {
        var result = GpuOperatorSupport.judge(V26_7_0, ReleaseChannel.REGULAR, "us-central1",
                Map.of("REGULAR", "1.37.1-gke.1000"));

        assertThat(result.checked()).isEmpty();
        assertThat(result.failure()).contains("gpuOperator.version (v26.7.0) supports Kubernetes 1.33-1.36, but GKE's REGULAR"
                + " channel (cluster.releaseChannel) creates clusters in us-central1 with 1.37.1-gke.1000: no GPU Operator"
                + " release this program records supports 1.37 yet; choose another cluster.releaseChannel");
    }

    @Test
    void olderChannelDefaultFailsAndNamesTheReleasesThatSupportIt() {
        var result = GpuOperatorSupport.judge(V26_7_0, ReleaseChannel.STABLE, "europe-west4-a",
                Map.of("STABLE", "1.32.6-gke.1060000"));

        assertThat(result.failure()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("gpuOperator.version (v26.7.0) supports Kubernetes 1.33-1.36, but GKE's STABLE channel")
                .endsWith("pin one that supports 1.32: v25.10.0 (1.30-1.34), v25.10.1 (1.30-1.35), v26.3.0 (1.32-1.35),"
                        + " v26.3.1 (1.32-1.35), v26.3.2 (1.32-1.36), v26.3.3 (1.32-1.36)"));
    }

    @Test
    void aChannelGkeDoesNotReportFails() {
        var result = GpuOperatorSupport.judge(V26_7_0, ReleaseChannel.STABLE, "us-central1", Map.of("REGULAR", "1.35.8-gke.1"));

        assertThat(result.failure()).hasValueSatisfying(message -> assertThat(message)
                .contains("no default version for the STABLE channel").contains("gpuOperator.version (v26.7.0)"));
    }

    @Test
    void aDefaultThatIsNoKubernetesVersionFails() {
        var result = GpuOperatorSupport.judge(V26_7_0, ReleaseChannel.REGULAR, "us-central1", Map.of("REGULAR", "latest"));

        assertThat(result.failure()).hasValueSatisfying(message -> assertThat(message)
                .contains("(latest)").contains("not a Kubernetes 1.x version"));
    }

    /** GKE's answer in a project whose Kubernetes Engine API is off, as the gcp provider passes it on. */
    static final String API_OFF = "googleapi: Error 403: Kubernetes Engine API has not been used in project 123456 before or it is"
            + " disabled. Enable it by visiting https://console.developers.google.com/apis/api/container.googleapis.com/overview?"
            + "project=123456 then retry., accessNotConfigured; reason: SERVICE_DISABLED";

    @Test
    void aFreshProjectWhoseKubernetesEngineApiIsOffIsCheckedOnTheNextRun() {
        // Fails on the code as it was: the run stopped, so a fresh project could never be deployed in nvidia mode.
        var result = GpuOperatorSupport.unanswered(V26_7_0, ReleaseChannel.REGULAR, "us-central1-a", "p-dev", API_OFF);

        assertThat(result.failure()).isEmpty();
        assertThat(result.warning()).hasValueSatisfying(w -> assertThat(w)
                .contains("gpuOperator.version (v26.7.0) is not checked against the default version of GKE's REGULAR channel")
                .contains("the Kubernetes Engine API is not enabled in p-dev yet").contains("the next preview or up runs the check"));
        assertThat(result.checked().orElseThrow().description()).isEqualTo("GPU Operator v26.7.0 supports Kubernetes 1.33-1.36;"
                + " not yet checked against GKE's REGULAR channel (the Kubernetes Engine API was off)");
    }

    @Test
    void anyOtherFailureToAskGkeStopsTheRun() {
        var denied = GpuOperatorSupport.unanswered(V26_7_0, ReleaseChannel.REGULAR, "us-central1-a", "p-dev",
                "googleapi: Error 403: Required \"container.clusters.list\" permission(s) for \"projects/p-dev\"., forbidden");

        assertThat(denied.checked()).isEmpty();
        assertThat(denied.warning()).isEmpty();
        assertThat(denied.failure()).hasValueSatisfying(f -> assertThat(f)
                .startsWith("could not read the default version of GKE's REGULAR channel in us-central1-a"));
        assertThat(GpuOperatorSupport.kubernetesEngineApiOff("compute.googleapis.com has not been used in project 1")).isFalse();
    }
}
