package gkeserving.program.cluster;

import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.GpuPoolSettings.DevicePlugin;
import gkeserving.program.config.GpuPoolSettings.Sharing;
import gkeserving.program.config.GpuPoolSettings.SharingStrategy;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

class DevicePluginConfigTest {
    private static GpuPoolSettings pool(String machineType, String accelerator, Sharing sharing) {
        return new GpuPoolSettings(machineType, accelerator, 1, 0, 2, false, List.of(), 100, sharing, DevicePlugin.NVIDIA);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parsed(GpuPoolSettings gpu) {
        return (Map<String, Object>) new Yaml().load(DevicePluginConfig.render(gpu));
    }

    @Test
    void wholeGpusWithoutSharingOrMig() {
        var config = parsed(pool("g2-standard-8", "nvidia-l4", Sharing.NONE));

        assertThat(config).containsEntry("version", "v1").doesNotContainKey("sharing");
        assertThat(at(config, "flags.migStrategy")).isEqualTo("none");
    }

    @Test
    void timeSharingAdvertisesOneGpuPerSharedClient() {
        var sharing = new Sharing(SharingStrategy.TIME_SHARING, Optional.of(4), Optional.empty());
        var config = parsed(pool("g2-standard-8", "nvidia-l4", sharing));

        assertThat(at(config, "flags.migStrategy")).isEqualTo("none");
        assertThat(at(config, "sharing.timeSlicing.resources")).asList().hasSize(1);
        assertThat(at(config, "sharing.timeSlicing.resources[0].name")).isEqualTo("nvidia.com/gpu");
        assertThat(at(config, "sharing.timeSlicing.resources[0].replicas")).isEqualTo(4);
    }

    @Test
    void migPoolAdvertisesEachSliceAsOneGpu() {
        var sharing = new Sharing(SharingStrategy.MIG, Optional.empty(), Optional.of("1g.5gb"));
        var gpu = pool("a2-highgpu-1g", "nvidia-tesla-a100", sharing);
        var config = parsed(gpu);

        assertThat(at(config, "flags.migStrategy")).isEqualTo("single");
        assertThat(config).doesNotContainKey("sharing");
        assertThat(DevicePluginConfig.timeSlicingReplicas(gpu)).isEqualTo(1);
    }
}
