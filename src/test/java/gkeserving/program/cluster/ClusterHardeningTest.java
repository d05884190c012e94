package gkeserving.program.cluster;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.network.NodeNetwork;
import gkeserving.program.ProgramRun;
import gkeserving.program.ResourceTypes;
import gkeserving.program.config.Settings;
import gkeserving.tools.render.CloudPlaceholders;
import gkeserving.tools.render.ResourceCapture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Dataplane V2, Binary Authorization and KMS secrets encryption: on by default, each behind its own setting. */
class ClusterHardeningTest {
    private static final Output<String> NODE_EMAIL = Output.of("gke-nodes-prod@p.iam.gserviceaccount.com");
    private static final String CLUSTER = "gke-gpu-serving:cluster";

    private static Map<String, Object> cluster(Settings s, Optional<Output<String>> key) {
        return Fixtures.inputs(ControlPlane.args(GkeCluster.Args.of(s),
                NodeNetwork.of(s.network(), Output.of("vpc-1"), Output.of("subnet-1")), NODE_EMAIL, key));
    }

    @Test
    void byDefaultTheClusterEnforcesNetworkPolicyAndBinaryAuthorizationAndEncryptsSecretsWithTheKey() {
        var cluster = cluster(Fixtures.settings("prod"), Optional.of(Output.of("projects/p/locations/r/keyRings/k/cryptoKeys/c")));

        assertThat(at(cluster, "datapathProvider")).isEqualTo("ADVANCED_DATAPATH");
        assertThat(at(cluster, "networkPolicy")).isNull(); // Dataplane V2 enforces it; the block would be refused
        assertThat(at(cluster, "binaryAuthorization")).isEqualTo(Map.of("evaluationMode", "PROJECT_SINGLETON_POLICY_ENFORCE"));
        assertThat(at(cluster, "databaseEncryption")).isEqualTo(Map.of("state", "ENCRYPTED",
                "keyName", "projects/p/locations/r/keyRings/k/cryptoKeys/c"));
    }

    @Test
    void eachSwitchTurnsOffOnlyItsOwnPart() {
        var s = Fixtures.settings("prod", Map.of(CLUSTER,
                "{\"location\":\"us-central1\",\"dataplaneV2\":false,\"binaryAuthorization\":false}"));
        var cluster = cluster(s, Optional.empty());

        assertThat(at(cluster, "datapathProvider")).isNull();
        assertThat(at(cluster, "binaryAuthorization")).isNull();
        assertThat(at(cluster, "databaseEncryption")).isNull();
        assertThat(s.cluster().hardening().secretsEncryption()).isTrue();
    }

    @Test
    void stagingAndProdCreateAProtectedKeyInTheClustersRegionAndGrantItToGkesServiceAgent() {
        for (String stack : List.of("staging", "prod")) {
            var capture = new ResourceCapture();
            var run = ProgramRun.of(stack, Map.of(), List.of(capture)).assertSucceeded();
            var ring = run.onlyOne(ResourceTypes.KMS_KEY_RING);
            assertThat(at(ring, "name")).isEqualTo("gke-gpu-serving-" + stack);
            assertThat(at(ring, "location")).isEqualTo("us-central1");
            var key = run.onlyOne(ResourceTypes.KMS_CRYPTO_KEY);
            assertThat(at(key, "rotationPeriod")).isEqualTo("7776000s");
            assertThat(at(key, "keyRing")).isEqualTo("projects/gke-gpu-serving-" + stack + "/locations/us-central1/keyRings/gke-gpu-serving-" + stack);
            var grant = run.onlyOne(ResourceTypes.KMS_CRYPTO_KEY_IAM_MEMBER);
            assertThat(at(grant, "role")).isEqualTo("roles/cloudkms.cryptoKeyEncrypterDecrypter");
            assertThat(at(grant, "member")).isEqualTo("serviceAccount:service-"
                    + CloudPlaceholders.unknown("project number of gke-gpu-serving-" + stack)
                    + "@container-engine-robot.iam.gserviceaccount.com");
            assertThat(at(run.onlyOne(ResourceTypes.CLUSTER), "databaseEncryption.keyName")).isEqualTo(at(key, "keyRing")
                    + "/cryptoKeys/gke-secrets");
            assertThat(capture.inConstructionOrder()).filteredOn(c -> c.type().startsWith("gcp:kms/keyRing")
                    || c.type().startsWith("gcp:kms/cryptoKey:")).allMatch(ResourceCapture.Captured::protect);
            // GKE checks on create that its agent may use the key: the cluster waits for the grant.
            assertThat(capture.inConstructionOrder()).filteredOn(c -> c.type().equals(ResourceTypes.CLUSTER))
                    .singleElement().satisfies(c -> assertThat(c.dependsOn()).extracting(r -> r.pulumiResourceName())
                            .contains("gke-secrets-key-gke"));
        }
    }

    @Test
    void devLeavesSecretsEncryptionOffAndCreatesNoKey() {
        var run = ProgramRun.of("dev").assertSucceeded();
        assertThat(run.ofType(ResourceTypes.KMS_KEY_RING)).isEmpty();
        assertThat(run.ofType(ResourceTypes.KMS_CRYPTO_KEY_IAM_MEMBER)).isEmpty();
        assertThat(at(run.onlyOne(ResourceTypes.CLUSTER), "databaseEncryption")).isNull();
    }

    @Test
    void theServiceAgentIsNamedByTheProjectNumber() {
        assertThat(SecretsEncryption.serviceAgent("123456789012"))
                .isEqualTo("serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com");
        assertThat(SecretsEncryption.keyRingName("prod")).isEqualTo("gke-gpu-serving-prod");
    }
}
