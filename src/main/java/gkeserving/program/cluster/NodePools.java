package gkeserving.program.cluster;

import com.pulumi.core.Output;
import com.pulumi.gcp.container.NodePoolArgs;
import com.pulumi.gcp.container.inputs.NodePoolAutoscalingArgs;
import com.pulumi.gcp.container.inputs.NodePoolManagementArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGcfsConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorGpuSharingConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigShieldedInstanceConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigTaintArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigWorkloadMetadataConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolUpgradeSettingsArgs;
import gkeserving.program.config.CpuPoolSettings;
import gkeserving.program.config.GpuPoolSettings;

import java.util.Map;

/**
 * The cluster's two autoscaled node pools: a CPU pool for system workloads and a GPU pool (optionally
 * scale-to-zero) that only GPU-tolerating pods can land on. Both run as the node service account.
 *
 * <p>Each takes the cluster's name and the node account's email as outputs, so the pool waits for both.
 */
final class NodePools {
    /** Access is governed by the service account's IAM roles; the scope only stops being a second gate. */
    static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    /** Image streaming on both pools: GPU images are large, and a node scaled up from zero serves sooner. */
    static final boolean IMAGE_STREAMING = true;

    private NodePools() {
    }

    static NodePoolArgs cpu(GkeCluster.Args args, Output<String> clusterName, Output<String> nodeEmail) {
        CpuPoolSettings cpu = args.cpuPool();
        return pool(args, clusterName, cpu.minNodes(), cpu.maxNodes(), "BALANCED")
                .initialNodeCount(1)
                .nodeConfig(nodeConfig(nodeEmail, cpu.machineType(), cpu.diskSizeGb(), Map.of(GpuScheduling.POOL_LABEL, "cpu")).build())
                .build();
    }

    static NodePoolArgs gpu(GkeCluster.Args args, Output<String> clusterName, Output<String> nodeEmail) {
        GpuPoolSettings gpu = args.gpuPool();
        var nodeConfig = nodeConfig(nodeEmail, gpu.machineType(), gpu.diskSizeGb(), GpuScheduling.gpuNodeLabels(gpu))
                .guestAccelerators(accelerator(gpu))
                .spot(gpu.spot())
                // Set explicitly: GKE adds it by itself only when a non-GPU pool already exists.
                .taints(NodePoolNodeConfigTaintArgs.builder()
                        .key(GpuScheduling.TAINT_KEY)
                        .value(GpuScheduling.TAINT_VALUE)
                        .effect(GpuScheduling.TAINT_EFFECT_GKE)
                        .build());
        var pool = pool(args, clusterName, gpu.minNodes(), gpu.maxNodes(), gpuLocationPolicy(gpu))
                .initialNodeCount(initialNodesPerZone(gpu))
                .nodeConfig(nodeConfig.build())
                // Surge one node at a time, never take a serving node away before its replacement is up.
                .upgradeSettings(NodePoolUpgradeSettingsArgs.builder().maxSurge(1).maxUnavailable(0).build());
        if (!gpu.zones().isEmpty()) {
            pool.nodeLocations(gpu.zones());
        }
        return pool.build();
    }

    /**
     * BALANCED spreads an on-demand pool's nodes over its zones, so the serving pods' zone spread can be met;
     * ANY would take every node from the zone with the most capacity. Spot keeps ANY: spot GPUs are where they are.
     * An update in place, not a replacement (autoscaling is updatable, docs/replace-on-change.md).
     */
    static String gpuLocationPolicy(GpuPoolSettings gpu) {
        return gpu.multiZone() && !gpu.spot() ? "BALANCED" : "ANY";
    }

    /** The initial count is per zone: enough in each to reach the pool's minimum at creation (0 scales from zero). */
    static int initialNodesPerZone(GpuPoolSettings gpu) {
        int zones = Math.max(1, gpu.zones().size());
        return (gpu.minNodes() + zones - 1) / zones;
    }

    /** The GPUs on each node, their driver (see {@link GpuScheduling#driverInstallation}) and how pods share them. */
    private static NodePoolNodeConfigGuestAcceleratorArgs accelerator(GpuPoolSettings gpu) {
        var accelerator = NodePoolNodeConfigGuestAcceleratorArgs.builder()
                .type(gpu.accelerator())
                .count(gpu.acceleratorCount())
                .gpuDriverInstallationConfig(NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfigArgs.builder()
                        .gpuDriverVersion(GpuScheduling.driverInstallation(gpu)).build());
        switch (gpu.sharing().strategy()) {
            case TIME_SHARING -> accelerator.gpuSharingConfig(NodePoolNodeConfigGuestAcceleratorGpuSharingConfigArgs.builder()
                    .gpuSharingStrategy("TIME_SHARING")
                    .maxSharedClientsPerGpu(gpu.sharing().maxSharedClientsPerGpu().orElseThrow())
                    .build());
            case MIG -> accelerator.gpuPartitionSize(gpu.sharing().partitionSize().orElseThrow());
            case NONE -> { }
        }
        return accelerator.build();
    }

    /** Settings every node of either pool shares: identity, metadata server, boot integrity, image streaming. */
    private static NodePoolNodeConfigArgs.Builder nodeConfig(Output<String> nodeEmail, String machineType, int diskSizeGb,
                                                             Map<String, String> labels) {
        return NodePoolNodeConfigArgs.builder()
                .machineType(machineType)
                .diskSizeGb(diskSizeGb)
                .diskType("pd-balanced")
                .imageType("COS_CONTAINERD")
                .serviceAccount(nodeEmail)
                .oauthScopes(CLOUD_PLATFORM_SCOPE)
                .workloadMetadataConfig(NodePoolNodeConfigWorkloadMetadataConfigArgs.builder().mode("GKE_METADATA").build())
                .shieldedInstanceConfig(NodePoolNodeConfigShieldedInstanceConfigArgs.builder()
                        .enableSecureBoot(true).enableIntegrityMonitoring(true).build())
                .gcfsConfig(NodePoolNodeConfigGcfsConfigArgs.builder().enabled(IMAGE_STREAMING).build())
                .labels(labels);
    }

    /** Total counts: the bounds hold for the pool as a whole, however many zones it spans. */
    private static NodePoolArgs.Builder pool(GkeCluster.Args args, Output<String> clusterName, int minNodes, int maxNodes,
                                             String locationPolicy) {
        return NodePoolArgs.builder()
                .project(args.gcp().project())
                .cluster(clusterName)
                .location(args.cluster().location())
                .autoscaling(NodePoolAutoscalingArgs.builder()
                        .totalMinNodeCount(minNodes)
                        .totalMaxNodeCount(maxNodes)
                        .locationPolicy(locationPolicy)
                        .build())
                .management(NodePoolManagementArgs.builder().autoRepair(true).autoUpgrade(true).build());
    }
}
