package gkeserving.program.cluster;

import com.pulumi.core.Output;
import com.pulumi.gcp.container.ClusterArgs;
import com.pulumi.gcp.container.inputs.ClusterBinaryAuthorizationArgs;
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
import gkeserving.program.network.NodeNetwork;

import java.util.Map;
import java.util.Optional;

/**
 * The GKE cluster itself: VPC-native on the stack's network and subnet, Workload Identity, shielded nodes, on the
 * configured release channel.
 */
final class ControlPlane {
    private ControlPlane() {
    }

    /**
     * @param network    where nodes, pods and services get their addresses
     * @param nodeEmail  the node service account's email (see {@link NodeIdentity})
     * @param secretsKey the KMS key that encrypts Secrets in etcd, when on (see {@link SecretsEncryption})
     */
    static ClusterArgs args(GkeCluster.Args args, NodeNetwork network, Output<String> nodeEmail,
                            Optional<Output<String>> secretsKey) {
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
                .network(network.network())
                .subnetwork(network.subnetwork())
                .networkingMode("VPC_NATIVE")
                .ipAllocationPolicy(ipAllocation(network))
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
        // Dataplane V2 enforces NetworkPolicy (no separate networkPolicy block); only on create: force-new.
        if (c.hardening().dataplaneV2()) {
            builder.datapathProvider("ADVANCED_DATAPATH");
        }
        if (c.hardening().binaryAuthorization()) {
            builder.binaryAuthorization(ClusterBinaryAuthorizationArgs.builder()
                    .evaluationMode("PROJECT_SINGLETON_POLICY_ENFORCE").build());
        }
        secretsKey.ifPresent(key -> builder.databaseEncryption(SecretsEncryption.databaseEncryption(key)));
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

    /** Pods and services from the subnet's named secondary ranges, or from ranges GKE creates (of the given CIDRs). */
    static ClusterIpAllocationPolicyArgs ipAllocation(NodeNetwork network) {
        var policy = ClusterIpAllocationPolicyArgs.builder().stackType("IPV4");
        network.podsRange().ifPresent(policy::clusterSecondaryRangeName);
        network.servicesRange().ifPresent(policy::servicesSecondaryRangeName);
        network.podsCidr().ifPresent(policy::clusterIpv4CidrBlock);
        network.servicesCidr().ifPresent(policy::servicesIpv4CidrBlock);
        return policy.build();
    }
}
