package gkeserving.program.network;

import com.pulumi.gcp.compute.Network;
import com.pulumi.gcp.compute.Router;
import com.pulumi.gcp.compute.RouterNat;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import gkeserving.program.ResourceTypes;
import gkeserving.program.config.GcpSettings;
import gkeserving.program.config.NetworkSettings;
import gkeserving.program.config.Settings;
import gkeserving.program.project.ProjectApi;
import gkeserving.program.project.ProjectServices;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The network the cluster runs in: the program's own VPC and subnet ({@link Vpc}), or an existing pair named in
 * {@code gke-gpu-serving:network}, plus Cloud NAT for private nodes ({@link PrivateEgress}). Everything here calls
 * the Compute Engine API and waits for it to be enabled.
 */
public final class ClusterNetwork extends ComponentResource {

    /** @param apis the project's APIs, of which everything here waits for Compute Engine's */
    public record Args(GcpSettings gcp, String region, boolean privateNodes, NetworkSettings network, ProjectServices apis) {
        public static Args of(Settings settings, ProjectServices apis) {
            return new Args(settings.gcp(), settings.cluster().region(), settings.cluster().privateNodes(), settings.network(),
                    apis);
        }
    }

    /** What the cluster is given: the network's and subnet's names and its ranges. */
    public final NodeNetwork nodeNetwork;
    /** The program's own VPC and subnet; empty on an existing network. */
    public final Optional<Network> network;
    public final Optional<Subnetwork> subnetwork;
    /** Cloud NAT: present for private nodes with {@code network.cloudNat}. */
    public final Optional<RouterNat> nat;

    public ClusterNetwork(String name, Args args, ComponentResourceOptions options) {
        super(ResourceTypes.NETWORK_COMPONENT, name, options);
        NetworkSettings n = args.network();
        var child = CustomResourceOptions.builder().parent(this).dependsOn(args.apis().of(ProjectApi.COMPUTE)).build();
        if (n.owned()) {
            var vpc = new Network(name + "-vpc", Vpc.network(args.gcp()), child);
            var subnet = new Subnetwork(name + "-subnet", Vpc.subnetwork(args.gcp(), args.region(), n, vpc.name()), child);
            this.network = Optional.of(vpc);
            this.subnetwork = Optional.of(subnet);
            this.nodeNetwork = NodeNetwork.of(n, vpc.name(), subnet.name());
        } else {
            this.network = Optional.empty();
            this.subnetwork = Optional.empty();
            this.nodeNetwork = NodeNetwork.existing(n);
        }
        if (args.privateNodes() && n.natWanted()) {
            var router = new Router(name + "-router", PrivateEgress.router(args.gcp(), args.region(), nodeNetwork.network()), child);
            this.nat = Optional.of(new RouterNat(name + "-nat", PrivateEgress.nat(args.gcp(), args.region(), router.name(),
                    nodeNetwork.subnetwork()), child));
        } else {
            this.nat = Optional.empty();
        }
        registerOutputs(Map.of("network", nodeNetwork.network(), "subnetwork", nodeNetwork.subnetwork()));
    }

    /** What nodes wait for before they start pulling images: the NAT, when there is one. */
    public List<Resource> egress() {
        return nat.<List<Resource>>map(List::of).orElse(List.of());
    }
}
