package gkeserving.program.cluster;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.config.ArtifactRegistry;
import gkeserving.program.config.Settings;
import gkeserving.program.network.NodeNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link ControlPlane} and {@link NodeIdentity} from shipped stacks' settings, without Pulumi. */
class ControlPlaneTest {
    private static final Output<String> NODE_EMAIL = Output.of("gke-nodes-dev@p.iam.gserviceaccount.com");

    private static Map<String, Object> cluster(Settings s) {
        var network = NodeNetwork.of(s.network(), Output.of("vpc-1"), Output.of("subnet-1"));
        return Fixtures.inputs(ControlPlane.args(GkeCluster.Args.of(s), network, NODE_EMAIL, java.util.Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theClusterIsVpcNativeWithWorkloadIdentityShieldedNodesAndNoDefaultPool(String stack) {
        Settings s = Fixtures.settings(stack);
        var cluster = cluster(s);

        assertThat(at(cluster, "removeDefaultNodePool")).isEqualTo(true);
        assertThat(at(cluster, "nodeConfig.serviceAccount")).isEqualTo("gke-nodes-dev@p.iam.gserviceaccount.com");
        assertThat(at(cluster, "networkingMode")).isEqualTo("VPC_NATIVE");
        assertThat(at(cluster, "workloadIdentityConfig.workloadPool")).isEqualTo(s.gcp().project() + ".svc.id.goog");
        assertThat(at(cluster, "enableShieldedNodes")).isEqualTo(true);
        assertThat(at(cluster, "releaseChannel.channel")).isEqualTo(s.cluster().releaseChannel().name());
        assertThat(at(cluster, "resourceLabels")).isEqualTo(Map.of("app", "gke-gpu-serving", "env", stack));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void privateNodesAndAuthorizedNetworksFollowTheStack(String stack) {
        Settings s = Fixtures.settings(stack);
        var c = s.cluster();
        var cluster = cluster(s);

        assertThat(at(cluster, "privateClusterConfig")).isEqualTo(c.privateNodes()
                ? Map.of("enablePrivateNodes", true, "enablePrivateEndpoint", false, "masterIpv4CidrBlock", c.masterIpv4CidrBlock())
                : null);
        assertThat(at(cluster, "masterAuthorizedNetworksConfig.cidrBlocks")).isEqualTo(c.masterAuthorizedNetworks().isEmpty()
                ? null
                : c.masterAuthorizedNetworks().stream().map(cidr -> Map.of("cidrBlock", cidr, "displayName", "authorized " + cidr)).toList());
    }

    @Test
    void theNodeAccountIdFitsGcpsLimitsAndItsGrantsNameOnlyItsRoles() {
        Settings dev = Fixtures.settings("dev");

        assertThat(at(Fixtures.inputs(NodeIdentity.account("dev", dev.gcp())), "accountId")).isEqualTo("gke-nodes-dev");
        assertThat(NodeIdentity.accountId("A_Very_Long_Stack_Name_For_Testing"))
                .hasSizeLessThanOrEqualTo(30).matches("[a-z][a-z0-9-]*[a-z0-9]");
        assertThat(Fixtures.inputs(NodeIdentity.projectRole("gke-gpu-serving-dev", NodeIdentity.NODE_ROLE, Output.of("serviceAccount:n"))))
                .isEqualTo(Map.of("project", "gke-gpu-serving-dev", "role", "roles/container.defaultNodeServiceAccount",
                        "member", "serviceAccount:n"));
    }

    @Test
    void theNodeRolesAreGkesMinimumAndServiceUsageForImageStreaming() {
        // Fails on the code as it was: logging.logWriter, monitoring.metricWriter and a project-wide artifactregistry.reader.
        assertThat(NodeIdentity.projectRoles(true)).containsExactly(
                "roles/container.defaultNodeServiceAccount", "roles/serviceusage.serviceUsageConsumer");
        assertThat(NodeIdentity.projectRoles(false)).containsExactly("roles/container.defaultNodeServiceAccount");
        assertThat(NodePools.IMAGE_STREAMING).isTrue();
    }

    @Test
    void aPromotedImagesRegistryInAnotherProjectIsReadableByTheNodesAndNothingElseThere() {
        String staging = "us-central1-docker.pkg.dev/gke-gpu-serving-staging/serving/iris@sha256:" + "a".repeat(64);
        var args = GkeCluster.Args.of(Fixtures.settings("prod", Map.of(Fixtures.IMAGE, "{\"existingDigest\":\"" + staging + "\"}")));

        assertThat(args.pullFrom()).containsExactly(new ArtifactRegistry("us-central1", "gke-gpu-serving-staging", "serving"));
        assertThat(Fixtures.inputs(NodeIdentity.pullFrom(args.pullFrom().get(0), Output.of("serving"), Output.of("serviceAccount:n"))))
                .isEqualTo(Map.of("project", "gke-gpu-serving-staging", "location", "us-central1", "repository", "serving",
                        "role", "roles/artifactregistry.reader", "member", "serviceAccount:n"));
        String own = "us-central1-docker.pkg.dev/gke-gpu-serving-prod/serving/iris@sha256:" + "b".repeat(64);
        assertThat(GkeCluster.Args.of(Fixtures.settings("prod", Map.of(Fixtures.IMAGE, "{\"existingDigest\":\"" + own + "\"}")))
                .pullFrom()).isEmpty();
        assertThat(GkeCluster.Args.of(Fixtures.settings("prod")).pullFrom()).isEmpty();
        assertThat(GkeCluster.Args.of(Fixtures.settings("prod")).registry())
                .isEqualTo(new ArtifactRegistry("us-central1", "gke-gpu-serving-prod", "serving"));
    }

    @Test
    void anImageInAnotherRepositoryOfTheSameProjectIsReadableToo() {
        // Fails on the code as it was: only other projects' registries were granted, next to a project-wide reader.
        String other = "us-central1-docker.pkg.dev/gke-gpu-serving-prod/golden/iris@sha256:" + "c".repeat(64);
        assertThat(GkeCluster.Args.of(Fixtures.settings("prod", Map.of(Fixtures.IMAGE, "{\"existingDigest\":\"" + other + "\"}")))
                .pullFrom()).containsExactly(new ArtifactRegistry("us-central1", "gke-gpu-serving-prod", "golden"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theClusterRunsOnTheStacksNetworkAndSubnetWithTheirSecondaryRanges(String stack) {
        var cluster = cluster(Fixtures.settings(stack));

        assertThat(at(cluster, "network")).isEqualTo("vpc-1");
        assertThat(at(cluster, "subnetwork")).isEqualTo("subnet-1");
        assertThat(at(cluster, "ipAllocationPolicy")).isEqualTo(Map.of("stackType", "IPV4",
                "clusterSecondaryRangeName", "pods", "servicesSecondaryRangeName", "services"));
    }

    @Test
    void anExistingSubnetWithoutNamedRangesLetsGkeCreateThemOfTheGivenSizes() {
        Settings s = Fixtures.settings("dev", Map.of(Fixtures.NETWORK,
                "{\"network\":\"shared\",\"subnetwork\":\"gke\",\"podsCidr\":\"10.64.0.0/14\"}"));
        var cluster = Fixtures.inputs(ControlPlane.args(GkeCluster.Args.of(s), NodeNetwork.existing(s.network()), NODE_EMAIL,
                java.util.Optional.empty()));

        assertThat(at(cluster, "network")).isEqualTo("shared");
        assertThat(at(cluster, "subnetwork")).isEqualTo("gke");
        assertThat(at(cluster, "ipAllocationPolicy")).isEqualTo(Map.of("stackType", "IPV4", "clusterIpv4CidrBlock", "10.64.0.0/14"));
    }

    @Test
    void theKubeconfigContextIsNamedAsGcloudNamesIt() {
        assertThat(Kubeconfig.contextName("p", "us-central1", "gke-1")).isEqualTo("gke_p_us-central1_gke-1");
        assertThat(List.of(Kubeconfig.render("ctx", "1.2.3.4", "Q0E=").split("\n"))).contains("current-context: ctx");
    }
}
