package gkeserving.program.config;

import gkeserving.program.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The accepting side of each rule: valid variants load, and defaults fill what a stack leaves out. */
class ValidConfigTest {
    private static Settings load(Map<String, String> keys) {
        var all = new HashMap<String, String>();
        all.put("gcp:project", "my-project");
        all.put("gcp:region", "us-central1");
        all.put("gke-gpu-serving:cluster", "{\"location\":\"us-central1-a\"}");
        all.putAll(keys);
        return Fixtures.load("test", all);
    }

    @Test
    void defaultsGiveASmallL4PoolThatScalesToZero() {
        var s = load(Map.of());
        assertThat(s.gpuPool().accelerator()).isEqualTo("nvidia-l4");
        assertThat(s.gpuPool().minNodes()).isZero();
        assertThat(s.gpuPool().devicePlugin()).isEqualTo(GpuPoolSettings.DevicePlugin.NVIDIA);
        assertThat(s.cluster().deletionProtection()).isTrue();
        assertThat(s.model().name()).isEqualTo("iris");
        assertThat(s.serving().versionPolicy()).isEqualTo(ServingSettings.VersionPolicy.LATEST_ONE);
        assertThat(s.protect()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "n1-standard-8, nvidia-tesla-t4, 4",
            "n1-standard-16, nvidia-tesla-v100, 8",
            "g2-standard-24, nvidia-l4, 2",
            "a2-highgpu-2g, nvidia-tesla-a100, 2",
            "a2-ultragpu-1g, nvidia-a100-80gb, 1",
            "a3-highgpu-8g, nvidia-h100-80gb, 8"})
    void acceleratorsOnTheirMachineFamilies(String machineType, String accelerator, int count) {
        var s = load(Map.of("gke-gpu-serving:gpuPool", "{\"machineType\":\"" + machineType + "\",\"accelerator\":\""
                + accelerator + "\",\"acceleratorCount\":" + count + "}"));
        assertThat(s.gpuPool().schedulableGpusPerNode()).isEqualTo(count);
    }

    @Test
    void timeSharingMultipliesWhatANodeCanSchedule() {
        // Four replicas per g2-standard-8 only when their CPU and memory requests fit beside each other.
        var s = load(Map.of("gke-gpu-serving:gpuPool", "{\"maxNodes\":2,\"sharing\":{\"strategy\":\"time-sharing\",\"maxSharedClientsPerGpu\":4}}",
                "gke-gpu-serving:serving", "{\"autoscaling\":{\"minReplicas\":1,\"maxReplicas\":8},"
                        + "\"resources\":{\"cpuRequest\":\"1\",\"memoryRequest\":\"4Gi\"}}"));
        assertThat(s.gpuPool().schedulableGpusPerNode()).isEqualTo(4);
        assertThat(s.serving().autoscaling().maxReplicas()).isEqualTo(8);
    }

    @Test
    void migOnH100CountsPartitions() {
        var s = load(Map.of("gke-gpu-serving:gpuPool", "{\"machineType\":\"a3-highgpu-1g\",\"accelerator\":\"nvidia-h100-80gb\","
                + "\"sharing\":{\"strategy\":\"mig\",\"partitionSize\":\"1g.10gb\"}}"));
        assertThat(s.gpuPool().schedulableGpusPerNode()).isEqualTo(7);
    }

    @Test
    void regionalClusterWithZonesInsideTheRegion() {
        var s = load(Map.of("gke-gpu-serving:cluster", "{\"location\":\"us-central1\"}",
                "gke-gpu-serving:gpuPool", "{\"zones\":[\"us-central1-a\",\"us-central1-c\"]}"));
        assertThat(s.cluster().regional()).isTrue();
        assertThat(s.cluster().region()).isEqualTo("us-central1");
    }

    @Test
    void versionLabelsOnLoadedVersions() {
        var s = load(Map.of("gke-gpu-serving:serving",
                "{\"versionPolicy\":{\"specific\":[3,4]},\"versionLabels\":{\"stable\":3,\"canary\":4}}"));
        assertThat(s.serving().versionLabels()).containsEntry("stable", 3L).containsEntry("canary", 4L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "203.0.113.7/32", "0.0.0.0/0", "192.168.0.0/16"})
    void wellFormedCidrs(String cidr) {
        assertThat(Cidr.isValid(cidr)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/8", "10.0.0.0", "256.0.0.0/8", "10.0.0.0/33", "a.b.c.d/8", "10.0.0.0/-1", ""})
    void malformedCidrs(String cidr) {
        assertThat(Cidr.isValid(cidr)).isFalse();
    }

    @Test
    void exceptionListsEveryProblemAndCarriesNoStackTrace() {
        assertThatThrownBy(() -> load(Map.of("gke-gpu-serving:cpuPool", "{\"minNodes\":-1,\"maxNodes\":0}")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }

    @Test
    void aPoolWithNoRoomForARolloutsSurgePodIsWarnedAbout() {
        var full = load(Map.of("gke-gpu-serving:gpuPool", "{\"maxNodes\":2}",
                "gke-gpu-serving:serving", "{\"autoscaling\":{\"maxReplicas\":2}}"));
        assertThat(full.warnings()).singleElement().asString()
                .contains("maxSurge 0, maxUnavailable 1")
                .contains("serving.autoscaling.maxReplicas (2)").contains("at most 2 replicas")
                // One replica: the rollout takes the only pod down first.
                .contains("serving.autoscaling.minReplicas (1)").contains("no replica serves");
        var twoReplicas = load(Map.of("gke-gpu-serving:gpuPool", "{\"maxNodes\":2}",
                "gke-gpu-serving:serving", "{\"autoscaling\":{\"minReplicas\":2,\"maxReplicas\":2}}"));
        assertThat(twoReplicas.warnings()).singleElement().asString()
                .contains("maxSurge 0, maxUnavailable 1").contains("one replica fewer").doesNotContain("no replica serves");
        var headroom = load(Map.of("gke-gpu-serving:gpuPool", "{\"maxNodes\":3}",
                "gke-gpu-serving:serving", "{\"autoscaling\":{\"maxReplicas\":2}}"));
        assertThat(headroom.warnings()).isEmpty();
    }
}
