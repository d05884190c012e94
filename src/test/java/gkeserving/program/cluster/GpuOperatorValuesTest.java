package gkeserving.program.cluster;

import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.GpuPoolSettings.DevicePlugin;
import gkeserving.program.config.GpuPoolSettings.Sharing;
import gkeserving.program.config.GpuPoolSettings.SharingStrategy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The values NVIDIA's GKE guide prescribes, key by key, plus what this program adds on top. */
class GpuOperatorValuesTest {
    private static final Map<String, String> GPU_TOLERATION =
            Map.of("key", "nvidia.com/gpu", "operator", "Equal", "value", "present", "effect", "NoSchedule");

    private static GpuPoolSettings l4(Sharing sharing) {
        return new GpuPoolSettings("g2-standard-8", "nvidia-l4", 1, 0, 2, false, List.of(), 100, sharing, DevicePlugin.NVIDIA);
    }

    private final Map<String, Object> values = GpuOperatorValues.of(l4(Sharing.NONE));

    @Test
    void driverIsLeftToGooglesInstaller() {
        assertThat(at(values, "driver.enabled")).isEqualTo(false);
    }

    @Test
    void toolkitAndDriverPathsAreGkesWritableInstallDir() {
        assertThat(at(values, "hostPaths.driverInstallDir")).isEqualTo("/home/kubernetes/bin/nvidia");
        assertThat(at(values, "toolkit.installDir")).isEqualTo("/home/kubernetes/bin/nvidia");
        assertThat(at(values, "toolkit.enabled")).isEqualTo(true);
    }

    @Test
    void cdiIsEnabledAndCdiDefaultIsNotSent() {
        // The v26.7.0 chart no longer renders cdi.default (deprecated and ignored since v25.10.0).
        assertThat(values.get("cdi")).isEqualTo(Map.of("enabled", true));
        assertThat(at(values, "cdi.default")).isNull();
    }

    @Test
    void toolkitReadsContainerdsConfigFromItsFileAsGke133Needs() {
        assertThat(at(values, "toolkit.env")).isEqualTo(List.of(Map.of("name", "RUNTIME_CONFIG_SOURCE", "value", "file")));
    }

    @Test
    void dcgmExporterIsOnForGpuUtilisationMetrics() {
        assertThat(at(values, "dcgmExporter.enabled")).isEqualTo(true);
    }

    @Test
    void devicePluginIsOnAndReadsThePoolsConfig() {
        assertThat(at(values, "devicePlugin.enabled")).isEqualTo(true);
        assertThat(at(values, "devicePlugin.config.name")).isEqualTo(DevicePluginConfig.CONFIG_MAP_NAME);
        assertThat(at(values, "devicePlugin.config.default")).isEqualTo(DevicePluginConfig.CONFIG_KEY);
    }

    @Test
    void operandsTolerateTheGpuTaintAndRunWithTheQuotaedPriority() {
        assertThat(at(values, "daemonsets.tolerations")).isEqualTo(List.of(GPU_TOLERATION));
        assertThat(at(values, "node-feature-discovery.worker.tolerations")).isEqualTo(List.of(GPU_TOLERATION));
        assertThat(at(values, "daemonsets.priorityClassName")).isEqualTo("system-node-critical");
    }

    @Test
    void gkeOwnsMigPartitioningSoNvidiasMigManagerStaysOff() {
        var mig = new Sharing(SharingStrategy.MIG, Optional.empty(), Optional.of("1g.5gb"));
        var a100 = new GpuPoolSettings("a2-highgpu-1g", "nvidia-tesla-a100", 1, 0, 2, false, List.of(), 100, mig,
                DevicePlugin.NVIDIA);

        assertThat(at(GpuOperatorValues.of(a100), "mig.strategy")).isEqualTo("single");
        assertThat(at(GpuOperatorValues.of(a100), "migManager.enabled")).isEqualTo(false);
        assertThat(at(values, "mig.strategy")).isEqualTo("none");
    }
}
