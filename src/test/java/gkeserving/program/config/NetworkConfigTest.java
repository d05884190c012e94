package gkeserving.program.config;

import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gke-gpu-serving:network}: its defaults, and every bad setting stopping the real program with one message
 * naming the key before anything is registered. Every case here fails on the code as it was ("network is not a
 * known setting").
 */
class NetworkConfigTest {
    private static final String NETWORK = Fixtures.NETWORK;
    private static final String CLUSTER = Fixtures.CLUSTER;
    /** dev's control plane with public nodes (the shipped dev has private nodes). */
    private static final String PUBLIC_DEV = "{\"location\":\"us-central1-a\",\"privateNodes\":false,"
            + "\"masterAuthorizedNetworks\":[\"203.0.113.0/24\"],\"deletionProtection\":false,\"secretsEncryption\":false}";
    private static final String PRIVATE_PROD_LIKE = "{\"location\":\"us-central1-a\",\"privateNodes\":true}";

    static Stream<Arguments> badNetworkSettings() {
        return Stream.of(
                bad("{\"network\":\"shared\"}", "network.subnetwork is required with network.network (shared)"),
                bad("{\"subnetwork\":\"gke\"}", "network.subnetwork (gke) names a subnet of an existing network: set network.network too"),
                bad("{\"podsRangeName\":\"pods\"}", "network.podsRangeName (pods) names a secondary range of an existing subnet"),
                bad("{\"servicesRangeName\":\"svc\"}", "network.servicesRangeName (svc) names a secondary range of an existing subnet"),
                bad("{\"network\":\"shared\",\"subnetwork\":\"gke\",\"subnetCidr\":\"10.0.0.0/20\"}",
                        "network.subnetCidr (10.0.0.0/20) sizes the subnet the program creates"),
                bad("{\"network\":\"shared\",\"subnetwork\":\"gke\",\"podsRangeName\":\"pods\"}",
                        "network.podsRangeName and network.servicesRangeName go together"),
                bad("{\"network\":\"shared\",\"subnetwork\":\"gke\",\"podsRangeName\":\"pods\",\"servicesRangeName\":\"svc\","
                        + "\"podsCidr\":\"10.64.0.0/14\"}", "network.podsCidr (10.64.0.0/14) cannot be combined with network.podsRangeName (pods)"),
                bad("{\"network\":\"shared\",\"subnetwork\":\"gke\",\"podsRangeName\":\"pods\",\"servicesRangeName\":\"svc\","
                        + "\"servicesCidr\":\"10.68.0.0/20\"}", "network.servicesCidr (10.68.0.0/20) cannot be combined with network.servicesRangeName (svc)"),
                bad("{\"network\":\"Shared_VPC\",\"subnetwork\":\"gke\"}", "network.network (Shared_VPC) must be a name in gcp:project"),
                bad("{\"network\":\"shared\",\"subnetwork\":\"projects/p/regions/us-central1/subnetworks/gke\"}",
                        "network.subnetwork (projects/p/regions/us-central1/subnetworks/gke) must be a name in gcp:project"),
                bad("{\"subnetCidr\":\"10.10.0.1/20\"}", "network.subnetCidr (10.10.0.1/20) must be an IPv4 CIDR block such as 10.10.0.0/20"),
                bad("{\"podsCidr\":\"10.16.0.0\"}", "network.podsCidr (10.16.0.0) must be an IPv4 CIDR block"),
                bad("{\"servicesCidr\":\"300.20.0.0/20\"}", "network.servicesCidr (300.20.0.0/20) must be an IPv4 CIDR block"),
                bad("{\"podsCidr\":\"10.8.0.0/13\"}",
                        "network.podsCidr (10.8.0.0/13) overlaps network.subnetCidr (10.10.0.0/20): the nodes, pods, services and control plane need ranges of their own"),
                bad("{\"servicesCidr\":\"10.17.0.0/20\"}", "network.servicesCidr (10.17.0.0/20) overlaps network.podsCidr (10.16.0.0/14)"),
                bad("{\"subnetCidr\":\"10.20.0.0/16\"}", "network.servicesCidr (10.20.0.0/20) overlaps network.subnetCidr (10.20.0.0/16)"),
                bad("{\"network\":\"shared\",\"subnetwork\":\"gke\",\"podsCidr\":\"10.64.0.0/14\",\"servicesCidr\":\"10.64.0.0/20\"}",
                        "network.servicesCidr (10.64.0.0/20) overlaps network.podsCidr (10.64.0.0/14)"),
                bad("{\"cloudNat\":\"yes\"}", "network.cloudNat (\"yes\") must be true or false"),
                badWith(Map.of(NETWORK, "{\"cloudNat\":true}", CLUSTER, PUBLIC_DEV),
                        "network.cloudNat gives private nodes their egress; with cluster.privateNodes false"),
                bad("{\"subnet\":\"gke\"}", "network.subnet is not a known setting"),
                bad("\"default\"", "network must be an object"));
    }

    private static Arguments bad(String json, String expected) {
        return Arguments.of(Map.of(NETWORK, json), expected);
    }

    private static Arguments badWith(Map<String, String> overrides, String expected) {
        return Arguments.of(overrides, expected);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badNetworkSettings")
    void aBadNetworkSettingStopsTheProgramWithOneMessageNamingTheKey(Map<String, String> override, String expected) {
        var run = ProgramRun.of("dev", override);
        assertThat(run.registrations()).as("registered resources").isEmpty();
        assertThat(run.errors()).hasSize(1);
        assertThat(run.errors().get(0)).startsWith("invalid stack configuration").contains(expected)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void theControlPlaneRangeMustNotOverlapTheNetworksRanges() {
        var run = ProgramRun.of("dev", Map.of(CLUSTER, "{\"location\":\"us-central1-a\",\"privateNodes\":true,"
                + "\"masterIpv4CidrBlock\":\"10.10.0.16/28\"}"));
        assertThat(run.registrations()).isEmpty();
        assertThat(run.errors().get(0)).contains(
                "cluster.masterIpv4CidrBlock (10.10.0.16/28) overlaps network.subnetCidr (10.10.0.0/20)");
    }

    @Test
    void privateNodesOnTheProgramsOwnNetworkNeedNatForNvidiasImages() {
        var overrides = new HashMap<String, String>();
        overrides.put(CLUSTER, PRIVATE_PROD_LIKE);
        overrides.put(NETWORK, "{\"cloudNat\":false}");
        var run = ProgramRun.of("dev", overrides);
        assertThat(run.registrations()).isEmpty();
        assertThat(run.errors().get(0)).contains("network.cloudNat false leaves the private nodes of the program's own network"
                + " without internet egress, but gpuPool.devicePlugin nvidia pulls NVIDIA's images from nvcr.io");

        overrides.put(Fixtures.GPU_POOL, "{\"devicePlugin\":\"gke\",\"spot\":true}");
        ProgramRun.of("dev", overrides).assertSucceeded();
    }

    @Test
    void everyFieldHasADefaultAndTheProgramOwnsTheNetworkByDefault() {
        NetworkSettings n = Fixtures.settings("dev").network();
        assertThat(n.owned()).isTrue();
        assertThat(n.ownSubnetCidr()).isEqualTo("10.10.0.0/20");
        assertThat(n.podsCidrBlock()).contains("10.16.0.0/14");
        assertThat(n.servicesCidrBlock()).contains("10.20.0.0/20");
        assertThat(n.podsSecondaryRange()).contains("pods");
        assertThat(n.servicesSecondaryRange()).contains("services");
        assertThat(n.natWanted()).isTrue();
    }

    @Test
    void anExistingNetworkTakesItsNamesAndHasNoNatUnlessAsked() {
        NetworkSettings n = Fixtures.settings("dev", Map.of(NETWORK, "{\"network\":\"shared\",\"subnetwork\":\"gke\","
                + "\"podsRangeName\":\"gke-pods\",\"servicesRangeName\":\"gke-services\"}")).network();
        assertThat(n.owned()).isFalse();
        assertThat(n.podsSecondaryRange()).contains("gke-pods");
        assertThat(n.servicesSecondaryRange()).contains("gke-services");
        assertThat(n.podsCidrBlock()).isEmpty();
        assertThat(n.natWanted()).isFalse();
        var withNat = new HashMap<String, String>();
        withNat.put(NETWORK, "{\"network\":\"shared\",\"subnetwork\":\"gke\",\"cloudNat\":true}");
        withNat.put(CLUSTER, PRIVATE_PROD_LIKE);
        assertThat(Fixtures.settings("dev", withNat).network().natWanted()).isTrue();
        assertThat(Fixtures.settings("dev", withNat).network().podsSecondaryRange()).isEqualTo(Optional.empty());
    }

    @Test
    void cidrBlocksOverlapWhenTheyShareAnAddress() {
        assertThat(Cidr.overlap("10.16.0.0/14", "10.19.255.0/24")).isTrue();
        assertThat(Cidr.overlap("10.16.0.0/14", "10.20.0.0/20")).isFalse();
        assertThat(Cidr.overlap("10.20.0.0/20", "10.16.0.0/14")).isFalse();
        assertThat(Cidr.overlap("0.0.0.0/0", "203.0.113.7/32")).isTrue();
        assertThat(Cidr.overlap("172.16.0.0/28", "172.16.0.16/28")).isFalse();
        assertThat(Cidr.overlap("172.16.0.0/28", "172.16.0.15/32")).isTrue();
    }
}
