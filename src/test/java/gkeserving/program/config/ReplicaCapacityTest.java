package gkeserving.program.config;

import gkeserving.program.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ReplicaCapacity} and the {@link Rollout} it decides, on the dev stack's g2-standard-8 pool. */
class ReplicaCapacityTest {
    private static ReplicaCapacity capacity(String gpuPool, String serving) {
        Settings s = Fixtures.settings("dev", Map.of(Fixtures.GPU_POOL, gpuPool, Fixtures.SERVING, serving));
        return ReplicaCapacity.of(s.gpuPool(), s.serving());
    }

    @Test
    void fourTimeSharedSlotsHoldOnlyThreeReplicasOfTwoCpusAndEightGi() {
        var c = capacity("{\"maxNodes\":1,\"sharing\":{\"strategy\":\"time-sharing\",\"maxSharedClientsPerGpu\":4}}",
                "{\"autoscaling\":{\"maxReplicas\":3},\"resources\":{\"cpuRequest\":\"2\",\"memoryRequest\":\"8Gi\"}}");

        assertThat(c.byGpu()).isEqualTo(4);
        assertThat(c.byCpu()).isEqualTo(3);
        assertThat(c.byMemory()).isEqualTo(3);
        assertThat(c.perNode()).isEqualTo(3);
        assertThat(c.total()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({
            // cpu, memory, per node: the smallest of GPU slots (4), CPU and memory decides
            "1,    4Gi,  4",
            "3,    4Gi,  2",
            "1,    12Gi, 2",
            "500m, 1Gi,  4"})
    void theTightestOfGpuCpuAndMemoryDecides(String cpu, String memory, int perNode) {
        var c = capacity("{\"maxNodes\":2,\"sharing\":{\"strategy\":\"time-sharing\",\"maxSharedClientsPerGpu\":4}}",
                "{\"autoscaling\":{\"maxReplicas\":2},\"resources\":{\"cpuRequest\":\"" + cpu + "\",\"cpuLimit\":\"4\","
                        + "\"memoryRequest\":\"" + memory + "\",\"memoryLimit\":\"16Gi\"}}");

        assertThat(c.perNode()).isEqualTo(perNode);
        assertThat(c.total()).isEqualTo(2 * perNode);
    }

    @Test
    void aRequestOfZeroNeverLimits() {
        // A CPU request of 0 is refused with a CPU-driven autoscaler (InvalidConfigTest); memory may be 0.
        var c = capacity("{\"maxNodes\":2}", "{\"resources\":{\"memoryRequest\":\"0\"}}");

        assertThat(c.byMemory()).isEqualTo(Integer.MAX_VALUE);
        assertThat(c.perNode()).isEqualTo(1);
    }

    @Test
    void aRolloutSurgesOnlyWhenThePoolHoldsMoreThanMaxReplicas() {
        var spare = capacity("{\"maxNodes\":3}", "{\"autoscaling\":{\"maxReplicas\":2}}");
        var full = capacity("{\"maxNodes\":2}", "{\"autoscaling\":{\"maxReplicas\":2}}");

        assertThat(Rollout.of(spare)).isEqualTo(Rollout.SURGE);
        assertThat(Rollout.warning(spare)).isEmpty();
        assertThat(Rollout.of(full)).isEqualTo(Rollout.REPLACE);
        assertThat(Rollout.warning(full)).isPresent();
        assertThat(Rollout.SURGE.maxSurge + Rollout.SURGE.maxUnavailable).isEqualTo(1);
        assertThat(Rollout.REPLACE.maxSurge).isZero();
    }
}
