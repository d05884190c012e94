package gkeserving.program.network;

import com.pulumi.core.Output;
import gkeserving.program.config.NetworkSettings;

import java.util.Optional;

/**
 * Where the cluster's nodes, pods and services get their addresses: what the cluster is given.
 *
 * @param network        the VPC's name
 * @param subnetwork     the subnet's name, in the cluster's region
 * @param podsRange      the subnet's secondary range for pods; empty: GKE creates one (of {@code podsCidr} when set)
 * @param servicesRange  likewise for services
 * @param podsCidr       the range GKE creates for pods when none is named; empty: GKE chooses
 * @param servicesCidr   likewise for services
 */
public record NodeNetwork(Output<String> network, Output<String> subnetwork, Optional<String> podsRange,
                          Optional<String> servicesRange, Optional<String> podsCidr, Optional<String> servicesCidr) {

    /** The ranges follow the settings; the names are the program's own resources' or the existing ones'. */
    public static NodeNetwork of(NetworkSettings n, Output<String> network, Output<String> subnetwork) {
        boolean named = n.podsSecondaryRange().isPresent();
        return new NodeNetwork(network, subnetwork, n.podsSecondaryRange(), n.servicesSecondaryRange(),
                named ? Optional.empty() : n.podsCidrBlock(), named ? Optional.empty() : n.servicesCidrBlock());
    }

    /** An existing network and subnet, by the names the stack gives. */
    public static NodeNetwork existing(NetworkSettings n) {
        return of(n, Output.of(n.network().orElseThrow()), Output.of(n.subnetwork().orElseThrow()));
    }
}
