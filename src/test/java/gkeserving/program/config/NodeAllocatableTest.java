package gkeserving.program.config;

import gkeserving.program.Fixtures;
import gkeserving.program.cluster.DriverInstallerDaemonSet;
import gkeserving.program.config.GpuPoolSettings.DevicePlugin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link NodeAllocatable}: GKE's documented reservations, worked by hand for the shapes the stacks use. */
class NodeAllocatableTest {
    private static final MachineShapes.Shape G2_STANDARD_8 = MachineShapes.of("g2-standard-8").orElseThrow();

    @Test
    void memoryReservationFollowsGkesBracketsPlusImageStreamingAndTheEvictionThreshold() {
        // 32 GiB: 25% x 4 + 20% x 4 + 10% x 8 + 6% x 16 = 3.56 GiB; image streaming 10% x 4 + 8% x 4 + 4% x 8
        // + 2.4% x 16 = 1.424 GiB; 4.984 GiB = 5103.6 MiB, rounded up, plus 100 MiB.
        assertThat(NodeAllocatable.reservedMemoryMiB(32 * 1024)).isEqualTo(5104 + 100);
        // 170 GiB (a2-ultragpu-1g): 1 + 0.8 + 0.8 + 6.72 + 2% x 42 = 10.16; 0.4 + 0.32 + 0.32 + 2.688 + 0.8% x 42 = 4.064.
        assertThat(NodeAllocatable.reservedMemoryMiB(170 * 1024)).isEqualTo((long) Math.ceil(14.224 * 1024) + 100);
        // Below 1 GiB a flat 255 MiB.
        assertThat(NodeAllocatable.reservedMemoryMiB(614)).isEqualTo(255 + 100);
    }

    @Test
    void aG2Standard8LeavesServingPodsItsVcpusLessGkesShareAndTheSystemPods() {
        // 8 vCPUs: 6% + 1% + 0.5% x 2 + 0.25% x 4 = 0.09 cores reserved.
        var gke = NodeAllocatable.forServing(G2_STANDARD_8, DevicePlugin.GKE);
        assertThat(gke.cpuMillis()).isEqualTo(8000 - 90 - NodeAllocatable.GKE_SYSTEM_PODS.cpuMillis());
        assertThat(gke.memoryMiB()).isEqualTo(32 * 1024 - 5204 - NodeAllocatable.GKE_SYSTEM_PODS.memoryMiB());

        // NVIDIA's stack adds the driver installer and the operator's node pods.
        var nvidia = NodeAllocatable.forServing(G2_STANDARD_8, DevicePlugin.NVIDIA);
        assertThat(gke.cpuMillis() - nvidia.cpuMillis())
                .isEqualTo(NodeAllocatable.DRIVER_INSTALLER.cpuMillis() + NodeAllocatable.GPU_OPERATOR_PODS.cpuMillis());
        assertThat(gke.memoryMiB() - nvidia.memoryMiB()).isEqualTo(NodeAllocatable.GPU_OPERATOR_PODS.memoryMiB());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDriverInstallerAllowanceIsWhatItsPodRequests() {
        // The scheduler reserves the larger of the biggest init container and the sum of the containers.
        var spec = Fixtures.inputs(DriverInstallerDaemonSet.args(Fixtures.settings("dev").gpuPool()));
        long init = ((List<Map<String, Object>>) at(spec, "spec.template.spec.initContainers")).stream()
                .mapToLong(NodeAllocatableTest::cpuMillis).max().orElse(0);
        long main = ((List<Map<String, Object>>) at(spec, "spec.template.spec.containers")).stream()
                .mapToLong(NodeAllocatableTest::cpuMillis).sum();
        assertThat(Math.max(init, main)).isEqualTo(NodeAllocatable.DRIVER_INSTALLER.cpuMillis());
    }

    private static long cpuMillis(Map<String, Object> container) {
        Object cpu = at(container, "resources.requests.cpu");
        return cpu == null ? 0 : Quantity.parse((String) cpu).orElseThrow().movePointRight(3).longValueExact();
    }
}
