package gkeserving.program.cluster;

import com.pulumi.core.Output;
import com.pulumi.gcp.container.ClusterArgs;
import com.pulumi.gcp.container.inputs.ClusterIpAllocationPolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigCidrBlockArgs;
import com.pulumi.gcp.container.inputs.ClusterMonitoringConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMonitoringConfigManagedPrometheusArgs;
import com.pulumi.gcp.container.inputs.ClusterNodeConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterPrivateClusterConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterReleaseChannelArgs;
import com.pulumi.gcp.container.inputs.ClusterWorkloadIdentityConfigArgs;
import gkeserving.program.config.ClusterSettings;

import java.util.Map;

/** The GKE cluster itself: VPC-native, Workload Identity, shielded nodes, on the configured release channel. */
final class ControlPlane {
    private ControlPlane() {
    }

    /** @param nodeEmail the node service account's email (see {@link NodeIdentity}) */
    static ClusterArgs args(GkeCluster.Args args, Output<String> nodeEmail) {
        ClusterSettings c = args.cluster();
        var builder = ClusterArgs.builder()
                .project(args.gcp().project())
                .location(c.location())
                // Pools are managed as their own resources; GKE still insists on creating a default one first,
                // which must not run as the default compute service account either.
                .removeDefaultNodePool(true)
                .initialNodeCount(1)
                .nodeConfig(ClusterNodeConfigArgs.builder()
                        .serviceAccount(nodeEmail)
                        .oauthScopes(NodePools.CLOUD_PLATFORM_SCOPE)
                        .build())
                .networkingMode("VPC_NATIVE")
                .ipAllocationPolicy(ClusterIpAllocationPolicyArgs.builder().stackType("IPV4").build())
                .releaseChannel(ClusterReleaseChannelArgs.builder().channel(c.releaseChannel().name()).build())
                .workloadIdentityConfig(ClusterWorkloadIdentityConfigArgs.builder()
                        .workloadPool(args.gcp().workloadPool()).build())
                .enableShieldedNodes(true)
                // Managed collection: PodMonitorings are scraped into Managed Service for Prometheus.
                .monitoringConfig(ClusterMonitoringConfigArgs.builder()
                        .managedPrometheus(ClusterMonitoringConfigManagedPrometheusArgs.builder().enabled(true).build())
                        .build())
                .deletionProtection(c.deletionProtection())
                .resourceLabels(Map.of("app", "gke-gpu-serving", "env", args.stack()));
        c.name().ifPresent(builder::name);
        if (c.privateNodes()) {
            builder.privateClusterConfig(ClusterPrivateClusterConfigArgs.builder()
                    .enablePrivateNodes(true)
                    .enablePrivateEndpoint(false)
                    .masterIpv4CidrBlock(c.masterIpv4CidrBlock())
                    .build());
        }
        if (!c.masterAuthorizedNetworks().isEmpty()) {
            builder.masterAuthorizedNetworksConfig(ClusterMasterAuthorizedNetworksConfigArgs.builder()
                    .cidrBlocks(c.masterAuthorizedNetworks().stream()
                            .map(cidr -> ClusterMasterAuthorizedNetworksConfigCidrBlockArgs.builder()
                                    .cidrBlock(cidr).displayName("authorized " + cidr).build())
                            .toList())
                    .build());
        }
        return builder.build();
    }
}
