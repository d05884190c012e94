package gkeserving.program.cluster;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link ControlPlane}, {@link NodeIdentity} and {@link PrivateEgress} from shipped stacks' settings, without Pulumi. */
class ControlPlaneTest {
    private static final Output<String> NODE_EMAIL = Output.of("gke-nodes-dev@p.iam.gserviceaccount.com");

    private static Map<String, Object> cluster(Settings s) {
        return Fixtures.inputs(ControlPlane.args(GkeCluster.Args.of(s), NODE_EMAIL, java.util.Optional.empty()));
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
        assertThat(Fixtures.inputs(NodeIdentity.projectRole(dev.gcp(), "roles/logging.logWriter", Output.of("serviceAccount:n"))))
                .isEqualTo(Map.of("project", "gke-gpu-serving-dev", "role", "roles/logging.logWriter", "member", "serviceAccount:n"));
    }

    @Test
    void aPromotedImagesRegistryInAnotherProjectIsReadableByTheNodesAndNothingElseThere() {
        String staging = "us-central1-docker.pkg.dev/gke-gpu-serving-staging/serving/iris@sha256:" + "a".repeat(64);
        var args = GkeCluster.Args.of(Fixtures.settings("prod", Map.of(Fixtures.IMAGE, "{\"existingDigest\":\"" + staging + "\"}")));

        assertThat(args.pullFrom()).hasSize(1);
        assertThat(Fixtures.inputs(NodeIdentity.pullFrom(args.pullFrom().get(0), Output.of("serviceAccount:n")))).isEqualTo(Map.of(
                "project", "gke-gpu-serving-staging", "location", "us-central1", "repository", "serving",
                "role", "roles/artifactregistry.reader", "member", "serviceAccount:n"));
        String own = "us-central1-docker.pkg.dev/gke-gpu-serving-prod/serving/iris@sha256:" + "b".repeat(64);
        assertThat(GkeCluster.Args.of(Fixtures.settings("prod", Map.of(Fixtures.IMAGE, "{\"existingDigest\":\"" + own + "\"}")))
                .pullFrom()).isEmpty();
        assertThat(GkeCluster.Args.of(Fixtures.settings("prod")).pullFrom()).isEmpty();
    }

    @Test
    void cloudNatGivesPrivateNodesEgressInTheClustersRegion() {
        Settings prod = Fixtures.settings("prod");

        assertThat(Fixtures.inputs(PrivateEgress.router(prod.gcp(), prod.cluster())))
                .isEqualTo(Map.of("project", "gke-gpu-serving-prod", "region", "us-central1", "network", "default"));
        assertThat(Fixtures.inputs(PrivateEgress.nat(prod.gcp(), prod.cluster(), Output.of("gke-router-1"))))
                .containsEntry("router", "gke-router-1").containsEntry("natIpAllocateOption", "AUTO_ONLY")
                .containsEntry("sourceSubnetworkIpRangesToNat", "ALL_SUBNETWORKS_ALL_IP_RANGES");
    }

    @Test
    void theKubeconfigContextIsNamedAsGcloudNamesIt() {
        assertThat(Kubeconfig.contextName("p", "us-central1", "gke-1")).isEqualTo("gke_p_us-central1_gke-1");
        assertThat(List.of(Kubeconfig.render("ctx", "1.2.3.4", "Q0E=").split("\n"))).contains("current-context: ctx");
    }
}
