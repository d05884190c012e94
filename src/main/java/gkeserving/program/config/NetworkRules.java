package gkeserving.program.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules of {@code gke-gpu-serving:network}, each message naming the key (part of {@link SettingsValidator}). */
final class NetworkRules {
    /** GCP resource names (networks, subnets, secondary ranges): RFC 1035, at most 63 characters. */
    private static final Pattern GCP_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    private NetworkRules() {
    }

    static void validate(Settings s, Problems p) {
        NetworkSettings n = s.network();
        names(n, p);
        if (n.owned()) {
            ownNetwork(s, p);
        } else {
            existingNetwork(n, p);
        }
        boolean cidrsOk = cidrs(n, p);
        if (cidrsOk) {
            overlaps(s, p);
        }
        n.cloudNat().filter(Boolean::booleanValue).ifPresent(nat -> p.check(s.cluster().privateNodes(),
                "network.cloudNat gives private nodes their egress; with cluster.privateNodes false the nodes have external"
                        + " IPs and no NAT is created: leave network.cloudNat out or set cluster.privateNodes: true"));
    }

    private static void names(NetworkSettings n, Problems p) {
        List<Map.Entry<String, Optional<String>>> names = List.of(Map.entry("network", n.network()),
                Map.entry("subnetwork", n.subnetwork()), Map.entry("podsRangeName", n.podsRangeName()),
                Map.entry("servicesRangeName", n.servicesRangeName()));
        names.forEach(e -> e.getValue().ifPresent(name -> p.check(GCP_NAME.matcher(name).matches(),
                "network." + e.getKey() + " (" + name + ") must be a name in gcp:project: lowercase letters, digits and hyphens,"
                        + " starting with a letter, at most 63 characters")));
    }

    private static void ownNetwork(Settings s, Problems p) {
        NetworkSettings n = s.network();
        n.subnetwork().ifPresent(sub -> p.add("network.subnetwork (" + sub + ") names a subnet of an existing network:"
                + " set network.network too, or leave both out and the program creates its own VPC and subnet"));
        onlyWithExisting("podsRangeName", n.podsRangeName(), p);
        onlyWithExisting("servicesRangeName", n.servicesRangeName(), p);
        // NVIDIA's images come from nvcr.io, which Private Google Access does not reach.
        if (s.cluster().privateNodes() && !n.natWanted() && s.gpuPool().devicePlugin() == GpuPoolSettings.DevicePlugin.NVIDIA) {
            p.add("network.cloudNat false leaves the private nodes of the program's own network without internet egress,"
                    + " but gpuPool.devicePlugin nvidia pulls NVIDIA's images from nvcr.io: keep Cloud NAT or use devicePlugin gke");
        }
    }

    private static void onlyWithExisting(String key, Optional<String> value, Problems p) {
        value.ifPresent(name -> p.add("network." + key + " (" + name + ") names a secondary range of an existing subnet:"
                + " it needs network.network and network.subnetwork; the program's own subnet has its ranges named "
                + NetworkSettings.OWN_PODS_RANGE + " and " + NetworkSettings.OWN_SERVICES_RANGE));
    }

    private static void existingNetwork(NetworkSettings n, Problems p) {
        String network = n.network().orElseThrow();
        p.check(n.subnetwork().isPresent(), "network.subnetwork is required with network.network (" + network
                + "): name the subnet in the cluster's region that the nodes use");
        n.subnetCidr().ifPresent(cidr -> p.add("network.subnetCidr (" + cidr + ") sizes the subnet the program creates;"
                + " with network.network the subnet exists already: leave it out"));
        p.check(n.podsRangeName().isPresent() == n.servicesRangeName().isPresent(),
                "network.podsRangeName and network.servicesRangeName go together: the cluster takes both secondary ranges"
                        + " from the subnet, or GKE creates both");
        n.podsRangeName().ifPresent(range -> n.podsCidr().ifPresent(cidr -> p.add("network.podsCidr (" + cidr
                + ") cannot be combined with network.podsRangeName (" + range + "): that range exists with its own CIDR")));
        n.servicesRangeName().ifPresent(range -> n.servicesCidr().ifPresent(cidr -> p.add("network.servicesCidr (" + cidr
                + ") cannot be combined with network.servicesRangeName (" + range + "): that range exists with its own CIDR")));
    }

    private static boolean cidrs(NetworkSettings n, Problems p) {
        boolean ok = cidr("subnetCidr", n.subnetCidr(), "10.10.0.0/20", p);
        ok &= cidr("podsCidr", n.podsCidr(), "10.16.0.0/14", p);
        return ok & cidr("servicesCidr", n.servicesCidr(), "10.20.0.0/20", p);
    }

    private static boolean cidr(String key, Optional<String> value, String example, Problems p) {
        return value.map(cidr -> p.check(Cidr.isValid(cidr),
                "network." + key + " (" + cidr + ") must be an IPv4 CIDR block such as " + example)).orElse(true);
    }

    /** Nodes, pods, services and (with private nodes) the control plane each need addresses of their own. */
    private static void overlaps(Settings s, Problems p) {
        NetworkSettings n = s.network();
        record Range(String key, String cidr) {
        }
        List<Range> ranges = new ArrayList<>();
        if (n.owned()) {
            ranges.add(new Range("network.subnetCidr", n.ownSubnetCidr()));
        }
        n.podsCidrBlock().ifPresent(cidr -> ranges.add(new Range("network.podsCidr", cidr)));
        n.servicesCidrBlock().ifPresent(cidr -> ranges.add(new Range("network.servicesCidr", cidr)));
        String master = s.cluster().masterIpv4CidrBlock();
        if (s.cluster().privateNodes() && Cidr.isValid(master)) {
            ranges.add(new Range("cluster.masterIpv4CidrBlock", master));
        }
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                Range a = ranges.get(i);
                Range b = ranges.get(j);
                p.check(!Cidr.overlap(a.cidr(), b.cidr()), b.key() + " (" + b.cidr() + ") overlaps " + a.key() + " ("
                        + a.cidr() + "): the nodes, pods, services and control plane need ranges of their own");
            }
        }
    }
}
