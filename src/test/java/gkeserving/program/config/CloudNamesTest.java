package gkeserving.program.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The accepting side of the name rules: what the APIs take must pass, so the rules refuse only mistakes. */
class CloudNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"e2-standard-4", "e2-medium", "e2-highmem-16", "n1-standard-1", "n1-highmem-96",
            "n2-standard-128", "n2-highcpu-96", "n2d-standard-224", "c2-standard-60", "c2d-highcpu-112", "t2d-standard-60",
            "g2-standard-8", "g2-standard-96", "a2-highgpu-1g", "a2-megagpu-16g", "a2-ultragpu-8g", "a3-highgpu-8g",
            "a3-megagpu-8g", "c3-standard-22", "c3-highmem-44-lssd", "c4-standard-48", "n4-highcpu-80",
            "n2-custom-8-32768", "custom-4-16384", "e2-custom-2-8192", "n2-custom-4-65536-ext"})
    void machineTypesComputeEngineOffersPass(String type) {
        assertThat(MachineTypes.isKnown(type)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"e2-standrd-4", "e2-highmem-32", "n1-standard-5", "n2-highcpu-128", "g2-standard-7",
            "a2-highgpu-3g", "e3-standard-4", "n2-standard-8-lssd", "E2-standard-4", "e2-standard-04", "e2"})
    void misspelledOrNonexistentMachineTypesFail(String type) {
        assertThat(MachineTypes.isKnown(type)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serving", "gpu-operator", "1tenant", "a", "kube", "gmp", "my-gke-ns"})
    void namespacesOfOurOwnPass(String name) {
        Problems p = new Problems();
        assertThat(CloudNames.ownNamespace("serving.namespace", name, p)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "kube-system", "kube-public", "kube-node-lease", "gke-gmp-system",
            "gke-managed-system", "gmp-system", "gmp-public", "-serving", "serving-", "Serving", "serving.v1"})
    void namespacesKubernetesOrGkeOwnOrRefuseFail(String name) {
        Problems p = new Problems();
        assertThat(CloudNames.ownNamespace("serving.namespace", name, p)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gke-gpu-serving-dev", "my-project", "abcdef", "abbbbbbbbbbbbbbbbbbbbbbbbbbbb9"})
    void projectIdsPass(String id) {
        assertThat(CloudNames.projectId("gcp:project", id, new Problems())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcde", "abbbbbbbbbbbbbbbbbbbbbbbbbbbbb9", "1project", "my-project-", "My-project", "my_project",
            "123456789012"})
    void projectIdsGcpRefusesFail(String id) {
        assertThat(CloudNames.projectId("gcp:project", id, new Problems())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-central1-docker.pkg.dev/p/serving/iris", "us-docker.pkg.dev/p/serving/iris",
            "europe-docker.pkg.dev/p/r/a/b", "asia-docker.pkg.dev/p/r/iris", "europe-west4-docker.pkg.dev/p/r/iris"})
    void artifactRegistryImagesPass(String name) {
        String digest = name + "@sha256:" + "ab".repeat(32);
        assertThat(CloudNames.artifactRegistryDigest("image.existingDigest", digest, new Problems())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker.io/library/iris", "gcr.io/p/iris", "evil-docker.pkg.dev/p/r/iris",
            "us-central1-a-docker.pkg.dev/p/r/iris", "docker.pkg.dev/p/r/iris", "us-central1-docker.pkg.dev.evil.com/p/r/iris"})
    void imagesOutsideArtifactRegistryFail(String name) {
        String digest = name + "@sha256:" + "ab".repeat(32);
        assertThat(CloudNames.artifactRegistryDigest("image.existingDigest", digest, new Problems())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.0.0.0/8", "10.0.0.0/08", "10.00.0.0/16", "1.2.3.04/32"})
    void cidrsWithLeadingZerosFail(String cidr) {
        assertThat(Cidr.isValid(cidr)).isFalse();
    }
}
