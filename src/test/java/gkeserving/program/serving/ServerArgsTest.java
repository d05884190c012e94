package gkeserving.program.serving;

import gkeserving.program.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's command line, the checksum that rolls pods, the endpoint URLs and the pod's timing rules. */
class ServerArgsTest {

    @Test
    void argsNameEveryConfigFileAndBothPorts() {
        var serving = Fixtures.devWithServing("{\"batching\":{\"enabled\":true}}").serving();

        assertThat(TfServingFlags.args(serving, "/etc/tfserving", false)).containsExactly(
                "--port=8500",
                "--rest_api_port=8501",
                "--model_config_file=/etc/tfserving/models.config",
                "--monitoring_config_file=/etc/tfserving/monitoring.config",
                "--enable_batching=true",
                "--batching_parameters_file=/etc/tfserving/batching_parameters.txt");
    }

    @Test
    void batchingFlagsOnlyWhenBatchingIsOn() {
        var serving = Fixtures.devWithServing("{\"batching\":{\"enabled\":false}}").serving();

        assertThat(TfServingFlags.args(serving, "/etc/tfserving", false))
                .noneMatch(arg -> arg.contains("batching"));
    }

    @Test
    void gpuMemoryFractionOnlyWhenConfigured() {
        var with = Fixtures.devWithServing("{\"perProcessGpuMemoryFraction\":0.5}").serving();
        var without = Fixtures.devWithServing("{}").serving();

        assertThat(TfServingFlags.args(with, "/c", false)).contains("--per_process_gpu_memory_fraction=0.5");
        assertThat(TfServingFlags.args(without, "/c", false)).noneMatch(arg -> arg.startsWith("--per_process_gpu_memory_fraction"));
    }

    @Test
    void warmupOnlyWhenTheModelShipsWarmupData() {
        var serving = Fixtures.devWithServing("{}").serving();

        assertThat(TfServingFlags.args(serving, "/c", true)).contains("--enable_model_warmup=true");
        assertThat(TfServingFlags.args(serving, "/c", false)).noneMatch(arg -> arg.contains("warmup"));
    }

    @Test
    void checksumIgnoresOrderButSeesEveryChange() {
        var data = new HashMap<String, String>(Map.of("models.config", "a", "monitoring.config", "b"));
        String checksum = ConfigChecksum.of(data);

        assertThat(checksum).matches("[0-9a-f]{64}");
        assertThat(ConfigChecksum.of(Map.of("monitoring.config", "b", "models.config", "a"))).isEqualTo(checksum);
        assertThat(ConfigChecksum.of(Map.of("models.config", "a", "monitoring.config", "c"))).isNotEqualTo(checksum);
        assertThat(ConfigChecksum.of(Map.of("models.config", "a"))).isNotEqualTo(checksum);
        // Moving text across the key/value boundary is a different ConfigMap.
        assertThat(ConfigChecksum.of(Map.of("ab", "c"))).isNotEqualTo(ConfigChecksum.of(Map.of("a", "bc")));
    }

    @Test
    void endpointsPointAtTheModel() {
        var endpoints = Endpoints.of("203.0.113.7", "iris");

        assertThat(endpoints.rest()).isEqualTo("http://203.0.113.7:8501/v1/models/iris:predict");
        assertThat(endpoints.grpc()).isEqualTo("203.0.113.7:8500");
        assertThat(endpoints.modelStatus()).isEqualTo("http://203.0.113.7:8501/v1/models/iris");
    }

    @Test
    void startupBudgetBecomesEnoughProbeFailuresRoundedUp() {
        assertThat(new StartupBudget(600, 0).probeFailureThreshold()).isEqualTo(60);
        assertThat(new StartupBudget(605, 0).probeFailureThreshold()).isEqualTo(61);
        assertThat(new StartupBudget(30, 0).probeFailureThreshold()).isEqualTo(3);
        assertThat(new StartupBudget(600, 1800).probeFailureThreshold()).isEqualTo(240);
    }

    @Test
    void drainPauseLeavesHalfTheGracePeriodForRequestsInFlight() {
        assertThat(ServingPod.drainPauseSeconds(60)).isEqualTo(30);
        assertThat(ServingPod.drainPauseSeconds(10)).isEqualTo(5);
        assertThat(ServingPod.drainPauseSeconds(3600)).isEqualTo(ServingPod.MAX_DRAIN_PAUSE_SECONDS);
    }
}
