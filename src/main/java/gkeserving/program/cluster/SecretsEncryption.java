package gkeserving.program.cluster;

import com.pulumi.core.Output;
import com.pulumi.gcp.container.inputs.ClusterDatabaseEncryptionArgs;
import com.pulumi.gcp.kms.CryptoKeyArgs;
import com.pulumi.gcp.kms.CryptoKeyIAMMemberArgs;
import com.pulumi.gcp.kms.KeyRingArgs;
import com.pulumi.gcp.organizations.inputs.GetProjectArgs;
import gkeserving.program.config.ClusterSettings;
import gkeserving.program.config.GcpSettings;

/**
 * Application-layer secrets encryption: Kubernetes Secrets in etcd encrypted with a Cloud KMS key this
 * program creates (CIS GKE 5.3.1). GKE's service agent may use the key and nothing else does.
 */
final class SecretsEncryption {
    /** What GKE's service agent needs on the key to encrypt and decrypt the data keys. */
    static final String ROLE = "roles/cloudkms.cryptoKeyEncrypterDecrypter";
    /** 90 days: a new key version encrypts new data; old versions stay to decrypt what they wrote. */
    static final String ROTATION_PERIOD = "7776000s";
    static final String KEY_NAME = "gke-secrets";

    private SecretsEncryption() {
    }

    /**
     * A stable name: a key ring can never be deleted, so a destroyed stack leaves it behind and an
     * auto-named one would pile up; re-creating a stack with a ring of this name needs an import.
     */
    static String keyRingName(String stack) {
        return "gke-gpu-serving-" + stack;
    }

    /** The key must be in the cluster's region (a zonal cluster: the zone's region). */
    static KeyRingArgs keyRing(String stack, GcpSettings gcp, ClusterSettings cluster) {
        return KeyRingArgs.builder().project(gcp.project()).location(cluster.region()).name(keyRingName(stack)).build();
    }

    static CryptoKeyArgs key(Output<String> keyRingId) {
        return CryptoKeyArgs.builder().keyRing(keyRingId).name(KEY_NAME).purpose("ENCRYPT_DECRYPT")
                .rotationPeriod(ROTATION_PERIOD).build();
    }

    /** Looks up the project's number, which names GKE's service agent. */
    static GetProjectArgs projectLookup(GcpSettings gcp) {
        return GetProjectArgs.builder().projectId(gcp.project()).build();
    }

    /** GKE's per-project service agent, which encrypts and decrypts on the cluster's behalf. */
    static String serviceAgent(String projectNumber) {
        return "serviceAccount:service-" + projectNumber + "@container-engine-robot.iam.gserviceaccount.com";
    }

    static CryptoKeyIAMMemberArgs grant(Output<String> keyId, Output<String> projectNumber) {
        return CryptoKeyIAMMemberArgs.builder().cryptoKeyId(keyId).role(ROLE)
                .member(projectNumber.applyValue(SecretsEncryption::serviceAgent)).build();
    }

    static ClusterDatabaseEncryptionArgs databaseEncryption(Output<String> keyId) {
        return ClusterDatabaseEncryptionArgs.builder().state("ENCRYPTED").keyName(keyId).build();
    }
}
