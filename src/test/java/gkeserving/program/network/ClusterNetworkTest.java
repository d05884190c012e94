package gkeserving.program.network;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.ResourceTypes;
import gkeserving.program.config.Settings;
import gkeserving.tools.render.CloudPlaceholders;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The cluster's network: the program's own VPC, or an existing one; and Cloud NAT for private nodes on it. */
class ClusterNetworkTest {
    private static final String EXISTING = "{\"network\":\"shared-vpc\",\"subnetwork\":\"gke-us-central1\","
            + "\"podsRangeName\":\"gke-pods\",\"servicesRangeName\":\"gke-services\"}";
    private static final String VPC_NAME = CloudPlaceholders.unknown("name network-vpc-<random suffix>");
    private static final String SUBNET_NAME = CloudPlaceholders.unknown("name network-subnet-<random suffix>");

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void everyShippedStackRunsOnItsOwnCustomModeVpcWithSecondaryRangesAndPrivateGoogleAccess(String stack) {
        // Fails on the code as it was: no network was created, the cluster ran on the project's "default" network.
        var run = ProgramRun.of(stack).assertSucceeded();
        Settings s = Fixtures.settings(stack);

        assertThat(run.onlyOne(ResourceTypes.NETWORK).inputs()).isEqualTo(Map.of(
                "project", s.gcp().project(), "autoCreateSubnetworks", false));
        assertThat(run.onlyOne(ResourceTypes.SUBNETWORK).inputs()).isEqualTo(Map.of(
                "project", s.gcp().project(), "region", "us-central1", "network", VPC_NAME,
                "ipCidrRange", "10.10.0.0/20", "privateIpGoogleAccess", true,
                "secondaryIpRanges", List.of(Map.of("rangeName", "pods", "ipCidrRange", "10.16.0.0/14"),
                        Map.of("rangeName", "services", "ipCidrRange", "10.20.0.0/20"))));
        Registration cluster = run.onlyOne(ResourceTypes.CLUSTER);
        assertThat(at(cluster, "network")).isEqualTo(VPC_NAME);
        assertThat(at(cluster, "subnetwork")).isEqualTo(SUBNET_NAME);
        assertThat(at(cluster, "ipAllocationPolicy")).isEqualTo(Map.of("stackType", "IPV4",
                "clusterSecondaryRangeName", "pods", "servicesSecondaryRangeName", "services"));
    }

    @Test
    void privateNodesGetCloudNatOnTheProgramsNetworkNotOnDefault() {
        // Fails on the code as it was: the router was on the "default" network, which a fresh project may not have.
        var prod = ProgramRun.of("prod").assertSucceeded();
        assertThat(at(prod.onlyOne(ResourceTypes.ROUTER), "network")).isEqualTo(VPC_NAME);
        Registration nat = prod.onlyOne(ResourceTypes.ROUTER_NAT);
        assertThat(at(nat, "sourceSubnetworkIpRangesToNat")).isEqualTo("LIST_OF_SUBNETWORKS");
        assertThat(at(nat, "subnetworks")).isEqualTo(List.of(Map.of("name", SUBNET_NAME, "sourceIpRangesToNats", List.of("ALL_IP_RANGES"))));
        // Public nodes have external IPs: no NAT.
        var dev = ProgramRun.of("dev", Map.of(Fixtures.CLUSTER, "{\"location\":\"us-central1-a\",\"privateNodes\":false,"
                + "\"masterAuthorizedNetworks\":[\"203.0.113.0/24\"],\"secretsEncryption\":false}")).assertSucceeded();
        assertThat(dev.ofType(ResourceTypes.ROUTER)).isEmpty();
        assertThat(dev.ofType(ResourceTypes.ROUTER_NAT)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void anExistingNetworkRegistersNoNetworkResourcesAndTheClusterTakesItsNames(String stack) {
        var run = ProgramRun.of(stack, Map.of(Fixtures.NETWORK, EXISTING)).assertSucceeded();

        assertThat(run.ofType(ResourceTypes.NETWORK)).isEmpty();
        assertThat(run.ofType(ResourceTypes.SUBNETWORK)).isEmpty();
        // An existing network keeps its own egress unless cloudNat asks for one.
        assertThat(run.ofType(ResourceTypes.ROUTER)).isEmpty();
        assertThat(run.ofType(ResourceTypes.ROUTER_NAT)).isEmpty();
        Registration cluster = run.onlyOne(ResourceTypes.CLUSTER);
        assertThat(at(cluster, "network")).isEqualTo("shared-vpc");
        assertThat(at(cluster, "subnetwork")).isEqualTo("gke-us-central1");
        assertThat(at(cluster, "ipAllocationPolicy")).isEqualTo(Map.of("stackType", "IPV4",
                "clusterSecondaryRangeName", "gke-pods", "servicesSecondaryRangeName", "gke-services"));
    }

    @Test
    void cloudNatOnAnExistingNetworkServesOnlyTheClustersSubnet() {
        var overrides = new HashMap<String, String>();
        overrides.put(Fixtures.NETWORK, "{\"network\":\"shared-vpc\",\"subnetwork\":\"gke-us-central1\",\"cloudNat\":true}");
        var prod = ProgramRun.of("prod", overrides).assertSucceeded();

        assertThat(at(prod.onlyOne(ResourceTypes.ROUTER), "network")).isEqualTo("shared-vpc");
        assertThat(at(prod.onlyOne(ResourceTypes.ROUTER_NAT), "subnetworks")).isEqualTo(List.of(
                Map.of("name", "gke-us-central1", "sourceIpRangesToNats", List.of("ALL_IP_RANGES"))));
        // No ranges named: GKE creates them in the existing subnet.
        assertThat(at(prod.onlyOne(ResourceTypes.CLUSTER), "ipAllocationPolicy")).isEqualTo(Map.of("stackType", "IPV4"));
    }

    @Test
    void theBuildersShapeTheOwnVpcFromTheSettings() {
        Settings s = Fixtures.settings("dev", Map.of(Fixtures.NETWORK,
                "{\"subnetCidr\":\"10.40.0.0/22\",\"podsCidr\":\"10.48.0.0/16\",\"servicesCidr\":\"10.41.0.0/24\"}"));

        assertThat(Fixtures.inputs(Vpc.network(s.gcp()))).isEqualTo(Map.of("project", "gke-gpu-serving-dev",
                "autoCreateSubnetworks", false));
        assertThat(Fixtures.inputs(Vpc.subnetwork(s.gcp(), "us-central1", s.network(), Output.of("vpc-1")))).isEqualTo(Map.of(
                "project", "gke-gpu-serving-dev", "region", "us-central1", "network", "vpc-1",
                "ipCidrRange", "10.40.0.0/22", "privateIpGoogleAccess", true,
                "secondaryIpRanges", List.of(Map.of("rangeName", "pods", "ipCidrRange", "10.48.0.0/16"),
                        Map.of("rangeName", "services", "ipCidrRange", "10.41.0.0/24"))));
        assertThat(Fixtures.inputs(PrivateEgress.router(s.gcp(), "us-central1", Output.of("vpc-1"))))
                .isEqualTo(Map.of("project", "gke-gpu-serving-dev", "region", "us-central1", "network", "vpc-1"));
        assertThat(Fixtures.inputs(PrivateEgress.nat(s.gcp(), "us-central1", Output.of("router-1"), Output.of("subnet-1"))))
                .isEqualTo(Map.of("project", "gke-gpu-serving-dev", "region", "us-central1", "router", "router-1",
                        "natIpAllocateOption", "AUTO_ONLY", "sourceSubnetworkIpRangesToNat", "LIST_OF_SUBNETWORKS",
                        "subnetworks", List.of(Map.of("name", "subnet-1", "sourceIpRangesToNats", List.of("ALL_IP_RANGES")))));
    }

    @Test
    void theClusterGetsNamedRangesOrTheSizesOfTheRangesGkeCreates() {
        var own = NodeNetwork.of(Fixtures.settings("dev").network(), Output.of("v"), Output.of("s"));
        assertThat(own.podsRange()).contains("pods");
        assertThat(own.servicesRange()).contains("services");
        assertThat(own.podsCidr()).isEmpty();
        assertThat(own.servicesCidr()).isEmpty();

        var sized = NodeNetwork.existing(Fixtures.settings("dev", Map.of(Fixtures.NETWORK,
                "{\"network\":\"n\",\"subnetwork\":\"s\",\"podsCidr\":\"10.64.0.0/14\",\"servicesCidr\":\"10.68.0.0/20\"}")).network());
        assertThat(Fixtures.value(sized.network())).isEqualTo("n");
        assertThat(Fixtures.value(sized.subnetwork())).isEqualTo("s");
        assertThat(sized.podsRange()).isEmpty();
        assertThat(sized.podsCidr()).contains("10.64.0.0/14");
        assertThat(sized.servicesCidr()).contains("10.68.0.0/20");
    }
}
