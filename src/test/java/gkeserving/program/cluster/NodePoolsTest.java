package gkeserving.program.cluster;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link NodePools} from shipped stacks' settings, without Pulumi. */
class NodePoolsTest {
    private static final Output<String> CLUSTER = Output.of("gke-cluster-1");
    private static final Output<String> NODE_EMAIL = Output.of("gke-nodes@p.iam.gserviceaccount.com");

    private static Map<String, Object> gpu(Settings s) {
        return Fixtures.inputs(NodePools.gpu(GkeCluster.Args.of(s), CLUSTER, NODE_EMAIL));
    }

    private static Map<String, Object> cpu(Settings s) {
        return Fixtures.inputs(NodePools.cpu(GkeCluster.Args.of(s), CLUSTER, NODE_EMAIL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void everyNodeRunsAsTheNodeAccountWithWorkloadIdentityShieldedBootAndImageStreaming(String stack) {
        Settings s = Fixtures.settings(stack);
        for (Map<String, Object> pool : List.of(cpu(s), gpu(s))) {
            assertThat(at(pool, "cluster")).isEqualTo("gke-cluster-1");
            assertThat(at(pool, "location")).isEqualTo(s.cluster().location());
            assertThat(at(pool, "nodeConfig.serviceAccount")).isEqualTo("gke-nodes@p.iam.gserviceaccount.com");
            assertThat(at(pool, "nodeConfig.oauthScopes")).isEqualTo(List.of("https://www.googleapis.com/auth/cloud-platform"));
            assertThat(at(pool, "nodeConfig.workloadMetadataConfig.mode")).isEqualTo("GKE_METADATA");
            assertThat(at(pool, "nodeConfig.shieldedInstanceConfig"))
                    .isEqualTo(Map.of("enableSecureBoot", true, "enableIntegrityMonitoring", true));
            assertThat(at(pool, "nodeConfig.gcfsConfig.enabled")).isEqualTo(true);
            assertThat(at(pool, "nodeConfig.imageType")).isEqualTo("COS_CONTAINERD");
            assertThat(at(pool, "management")).isEqualTo(Map.of("autoRepair", true, "autoUpgrade", true));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theGpuPoolIsTaintedLabelledAndCarriesTheConfiguredAccelerators(String stack) {
        Settings s = Fixtures.settings(stack);
        var gpu = s.gpuPool();
        var pool = gpu(s);

        assertThat(at(pool, "nodeConfig.taints")).isEqualTo(List.of(
                Map.of("key", "nvidia.com/gpu", "value", "present", "effect", "NO_SCHEDULE")));
        assertThat(at(pool, "nodeConfig.labels")).isEqualTo(GpuScheduling.gpuNodeLabels(gpu));
        assertThat(at(pool, "nodeConfig.machineType")).isEqualTo(gpu.machineType());
        assertThat(at(pool, "nodeConfig.diskSizeGb")).isEqualTo((double) gpu.diskSizeGb());
        assertThat(at(pool, "nodeConfig.spot")).isEqualTo(gpu.spot());
        assertThat(at(pool, "nodeConfig.guestAccelerators")).isEqualTo(List.of(Map.of(
                "type", gpu.accelerator(),
                "count", (double) gpu.acceleratorCount(),
                "gpuDriverInstallationConfig", Map.of("gpuDriverVersion", GpuScheduling.driverInstallation(gpu)))));
        assertThat(at(pool, "autoscaling.totalMinNodeCount")).isEqualTo((double) gpu.minNodes());
        assertThat(at(pool, "autoscaling.totalMaxNodeCount")).isEqualTo((double) gpu.maxNodes());
        assertThat(at(pool, "upgradeSettings")).isEqualTo(Map.of("maxSurge", 1.0, "maxUnavailable", 0.0));
        assertThat(at(pool, "nodeLocations")).isEqualTo(gpu.zones().isEmpty() ? null : gpu.zones());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theCpuPoolIsUntaintedBalancedAndStartsWithOneNode(String stack) {
        Settings s = Fixtures.settings(stack);
        var pool = cpu(s);

        assertThat(at(pool, "nodeConfig.taints")).isNull();
        assertThat(at(pool, "nodeConfig.guestAccelerators")).isNull();
        assertThat(at(pool, "nodeConfig.labels")).isEqualTo(Map.of(GpuScheduling.POOL_LABEL, "cpu"));
        assertThat(at(pool, "nodeConfig.machineType")).isEqualTo(s.cpuPool().machineType());
        assertThat(at(pool, "autoscaling")).isEqualTo(Map.of("totalMinNodeCount", (double) s.cpuPool().minNodes(),
                "totalMaxNodeCount", (double) s.cpuPool().maxNodes(), "locationPolicy", "BALANCED"));
        assertThat(at(pool, "initialNodeCount")).isEqualTo(1.0);
    }

    @Test
    void timeSharingAndMigPartitionsReachTheAccelerator() {
        var timeShared = gpu(Fixtures.settings("dev", GpuPoolVariants.edited("dev", GpuPoolVariants.timeSharing(4))));
        var mig = gpu(Fixtures.settings("dev", GpuPoolVariants.edited("dev", GpuPoolVariants.migA100())));

        assertThat(at(timeShared, "nodeConfig.guestAccelerators[0].gpuSharingConfig"))
                .isEqualTo(Map.of("gpuSharingStrategy", "TIME_SHARING", "maxSharedClientsPerGpu", 4.0));
        assertThat(at(timeShared, "nodeConfig.guestAccelerators[0].gpuPartitionSize")).isNull();
        assertThat(at(mig, "nodeConfig.guestAccelerators[0].gpuPartitionSize")).isEqualTo("1g.5gb");
        assertThat(at(mig, "nodeConfig.guestAccelerators[0].gpuSharingConfig")).isNull();
    }

    @Test
    void theInitialGpuNodesPerZoneReachTheMinimum() {
        assertThat(NodePools.initialNodesPerZone(Fixtures.settings("dev").gpuPool())).isZero();
        assertThat(NodePools.initialNodesPerZone(Fixtures.settings("prod").gpuPool())).isEqualTo(1);
        assertThat(NodePools.initialNodesPerZone(Fixtures.settings("prod", GpuPoolVariants.edited("prod",
                pool -> pool.put("minNodes", 3))).gpuPool())).isEqualTo(2);
    }

    @Test
    void onDemandPoolsOverTwoZonesBalanceTheirNodesAcrossThem() {
        // staging and prod: on-demand L4 in two zones. ANY could put every node, so every replica, in one zone.
        for (String stack : List.of("staging", "prod")) {
            assertThat(at(gpu(Fixtures.settings(stack)), "autoscaling.locationPolicy")).as(stack).isEqualTo("BALANCED");
        }
    }

    @Test
    void spotAndSingleZonePoolsTakeGpusWhereverTheyAre() {
        assertThat(at(gpu(Fixtures.settings("dev")), "autoscaling.locationPolicy")).isEqualTo("ANY");
        var spotInTwoZones = Fixtures.settings("prod", GpuPoolVariants.edited("prod", pool -> pool.put("spot", true)));
        assertThat(at(gpu(spotInTwoZones), "autoscaling.locationPolicy")).isEqualTo("ANY");
    }
}
