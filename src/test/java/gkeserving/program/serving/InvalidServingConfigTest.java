package gkeserving.program.serving;

import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Serving settings that cannot work are refused up front: one message each, nothing registered. */
class InvalidServingConfigTest {
    private static final String TWO_GPU_NODES = "{\"machineType\":\"g2-standard-24\",\"accelerator\":\"nvidia-l4\","
            + "\"acceleratorCount\":2,\"minNodes\":0,\"maxNodes\":2}";

    static Stream<Arguments> invalidServing() {
        return Stream.of(
                serving("{\"autoscaling\":{\"minReplicas\":3,\"maxReplicas\":2}}",
                        "serving.autoscaling.maxReplicas (2) must be >= serving.autoscaling.minReplicas (3)"),
                serving("{\"autoscaling\":{\"minReplicas\":1,\"maxReplicas\":3}}",
                        "serving.autoscaling.maxReplicas (3) does not fit on gpuPool.maxNodes (2): at most 2 replicas; one g2-standard-8 node"
                                + " holds 1: 1 by GPU (1 schedulable nvidia.com/gpu / serving.gpusPerReplica 1)"),
                // Two GPUs per node, two per replica: one replica per node, so two nodes hold two replicas, not three.
                Arguments.of(Map.of(Fixtures.GPU_POOL, TWO_GPU_NODES,
                                Fixtures.SERVING, "{\"gpusPerReplica\":2,\"autoscaling\":{\"maxReplicas\":3}}"),
                        "serving.autoscaling.maxReplicas (3) does not fit on gpuPool.maxNodes (2): at most 2 replicas; one g2-standard-24 node"
                                + " holds 1: 1 by GPU (2 schedulable nvidia.com/gpu / serving.gpusPerReplica 2)"),
                serving("{\"batching\":{\"maxBatchSize\":0}}", "serving.batching.maxBatchSize (0) must be >= 1"),
                serving("{\"service\":{\"sourceRanges\":[\"10.0.0.0/8\",\"10.1.2.3/16\"]}}",
                        "serving.service.sourceRanges entry (10.1.2.3/16) must be an IPv4 CIDR block such as 203.0.113.0/24"),
                serving("{\"service\":{\"sourceRanges\":[\"office\"]}}",
                        "serving.service.sourceRanges entry (office) must be an IPv4 CIDR block"),
                serving("{\"startupTimeoutSeconds\":5}", "serving.startupTimeoutSeconds (5) must be 30..3600"),
                serving("{\"namespace\":\"kube-system\"}",
                        "serving.namespace (kube-system) must be a namespace of its own, not one that Kubernetes or GKE owns (default, kube-*, gke-*, gmp-system, gmp-public)"),
                serving("{\"namespace\":\"gpu-operator\"}",
                        "gpuOperator.namespace (gpu-operator) must be a namespace of its own, not serving.namespace"));
    }

    private static Arguments serving(String json, String expected) {
        return Arguments.of(Map.of(Fixtures.SERVING, json), expected);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalidServing")
    void refusedWithOneClearMessageAndNothingRegistered(Map<String, String> overrides, String expected) {
        var run = ProgramRun.of("dev", overrides);

        assertThat(run.registrations()).as("registered resources").isEmpty();
        assertThat(run.outcome().result().exceptions()).isEmpty();
        assertThat(run.errors()).hasSize(1);
        assertThat(run.errors().get(0)).contains("(1 problem)").contains(expected).doesNotContain("\tat ");
    }
}
