package gkeserving.program.network;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.RouterArgs;
import com.pulumi.gcp.compute.RouterNatArgs;
import com.pulumi.gcp.compute.inputs.RouterNatSubnetworkArgs;
import gkeserving.program.config.GcpSettings;

/**
 * Private nodes have no public IPs: Cloud NAT on the cluster's network gives them egress to pull public images
 * (NVIDIA's from nvcr.io; Google's registries are reached through Private Google Access). The NAT serves only
 * the cluster's subnet, so on an existing network it leaves the other subnets' egress alone.
 */
final class PrivateEgress {
    private PrivateEgress() {
    }

    /** @param network the cluster's network (name) */
    static RouterArgs router(GcpSettings gcp, String region, Output<String> network) {
        return RouterArgs.builder()
                .project(gcp.project())
                .region(region)
                .network(network)
                .build();
    }

    /** @param subnetwork the cluster's subnet (name): its primary range (nodes) and secondary ranges (pods, services) */
    static RouterNatArgs nat(GcpSettings gcp, String region, Output<String> routerName, Output<String> subnetwork) {
        return RouterNatArgs.builder()
                .project(gcp.project())
                .region(region)
                .router(routerName)
                .natIpAllocateOption("AUTO_ONLY")
                .sourceSubnetworkIpRangesToNat("LIST_OF_SUBNETWORKS")
                .subnetworks(RouterNatSubnetworkArgs.builder()
                        .name(subnetwork)
                        .sourceIpRangesToNats("ALL_IP_RANGES")
                        .build())
                .build();
    }
}
