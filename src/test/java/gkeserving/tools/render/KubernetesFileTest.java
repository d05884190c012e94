package gkeserving.tools.render;

import gkeserving.program.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesFileTest {
    @ParameterizedTest
    @CsvSource({
            "kubernetes:core/v1:Service, v1, Service",
            "kubernetes:apps/v1:Deployment, apps/v1, Deployment",
            "kubernetes:autoscaling/v2:HorizontalPodAutoscaler, autoscaling/v2, HorizontalPodAutoscaler",
            "kubernetes:policy/v1:PodDisruptionBudget, policy/v1, PodDisruptionBudget",
            "kubernetes:networking.k8s.io/v1:Ingress, networking.k8s.io/v1, Ingress"})
    void typeTokensNameTheirApiVersionAndKind(String token, String apiVersion, String kind) {
        assertThat(KubernetesType.of(token)).contains(new KubernetesType(apiVersion, kind));
    }

    @ParameterizedTest
    @CsvSource({"pulumi:providers:kubernetes", "gcp:compute/address:Address", "docker:index/image:Image",
            "gke-gpu-serving:infra:GkeCluster"})
    void otherTokensAreNotKubernetesObjects(String token) {
        assertThat(KubernetesType.of(token)).isEmpty();
    }

    private static RenderedResource resource(String type, String name, Map<String, Object> inputs) {
        return new RenderedResource(type, name, null, RenderedOptions.none(), inputs, List.of());
    }

    @Test
    void onlyKubernetesObjectsAndHelmReleasesGetFilesNumberedInTheirOrder() {
        List<KubernetesFile> files = KubernetesFile.of(List.of(
                resource(ResourceTypes.ADDRESS, "ip", Map.of()),
                resource(ResourceTypes.NAMESPACE, "ns", Map.of("metadata", Map.of("name", "serving"))),
                resource(ResourceTypes.KUBERNETES_PROVIDER, "k8s", Map.of()),
                resource(ResourceTypes.HELM_RELEASE, "plugin", Map.of("chart", "c")),
                resource(ResourceTypes.DEPLOYMENT, "web-deployment", Map.of())));

        assertThat(files).extracting(KubernetesFile::fileName).containsExactly(
                "01-namespace-serving.yaml", "02-helmrelease-plugin.yaml", "03-deployment-web-deployment.yaml");
        assertThat(files).extracting(KubernetesFile::helmRelease).containsExactly(false, true, false);
    }

    @Test
    void theManifestIsTheInputsWithApiVersionAndKindFirstAndEngineBookkeepingDropped() {
        KubernetesFile file = KubernetesFile.of(List.of(resource(ResourceTypes.K8S_SERVICE, "svc", Map.of(
                "spec", Map.of("type", "LoadBalancer"), "metadata", Map.of("name", "tf"),
                "kind", "Service", "apiVersion", "v1", "__defaults", List.of())))).get(0);

        assertThat(file.content().keySet()).containsExactly("apiVersion", "kind", "metadata", "spec");
        assertThat(file.content()).containsEntry("apiVersion", "v1").containsEntry("kind", "Service");
    }

    @Test
    void aHelmReleaseIsItsChartCoordinatesAndValues() {
        KubernetesFile file = KubernetesFile.of(List.of(resource(ResourceTypes.HELM_RELEASE, "gpu-operator", Map.of(
                "chart", "gpu-operator", "version", "v24.9.0", "namespace", "gpu-operator",
                "repositoryOpts", Map.of("repo", "https://helm.ngc.nvidia.com/nvidia", "username", "x"),
                "values", Map.of("driver", Map.of("enabled", false)), "timeout", 600, "skipAwait", false)))).get(0);

        assertThat(file.fileName()).isEqualTo("01-helmrelease-gpu-operator.yaml");
        assertThat(file.content()).containsExactly(
                Map.entry("chart", "gpu-operator"),
                Map.entry("version", "v24.9.0"),
                Map.entry("repositoryOpts", Map.of("repo", "https://helm.ngc.nvidia.com/nvidia")),
                Map.entry("namespace", "gpu-operator"),
                Map.entry("values", Map.of("driver", Map.of("enabled", false))));
    }

    @Test
    void numbersWidenPastNinetyNineAndNamesBecomeSafeFileNames() {
        List<RenderedResource> many = IntStream.range(0, 100)
                .mapToObj(i -> resource(ResourceTypes.CONFIG_MAP, "cm" + i, Map.of())).toList();
        assertThat(KubernetesFile.of(many).get(0).fileName()).isEqualTo("001-configmap-cm0.yaml");
        assertThat(KubernetesFile.fileName("07", "service", "<known after up: name of Web>"))
                .isEqualTo("07-service-known-after-up-name-of-web.yaml");
    }
}
