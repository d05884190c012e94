package gkeserving.program.network;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.NetworkArgs;
import com.pulumi.gcp.compute.SubnetworkArgs;
import com.pulumi.gcp.compute.inputs.SubnetworkSecondaryIpRangeArgs;
import gkeserving.program.config.GcpSettings;
import gkeserving.program.config.NetworkSettings;

/**
 * The program's own VPC: custom mode (no subnet in every region, no default firewall rules to inherit), with one
 * regional subnet for the cluster. Its primary range holds the nodes, its secondary ranges the pods and the
 * services (VPC-native cluster), and Private Google Access lets private nodes reach Google's APIs and registries.
 */
final class Vpc {
    private Vpc() {
    }

    static NetworkArgs network(GcpSettings gcp) {
        return NetworkArgs.builder()
                .project(gcp.project())
                .autoCreateSubnetworks(false)
                .build();
    }

    /** @param network the VPC's name */
    static SubnetworkArgs subnetwork(GcpSettings gcp, String region, NetworkSettings n, Output<String> network) {
        return SubnetworkArgs.builder()
                .project(gcp.project())
                .region(region)
                .network(network)
                .ipCidrRange(n.ownSubnetCidr())
                .privateIpGoogleAccess(true)
                .secondaryIpRanges(
                        range(NetworkSettings.OWN_PODS_RANGE, n.podsCidrBlock().orElseThrow()),
                        range(NetworkSettings.OWN_SERVICES_RANGE, n.servicesCidrBlock().orElseThrow()))
                .build();
    }

    private static SubnetworkSecondaryIpRangeArgs range(String name, String cidr) {
        return SubnetworkSecondaryIpRangeArgs.builder().rangeName(name).ipCidrRange(cidr).build();
    }
}
