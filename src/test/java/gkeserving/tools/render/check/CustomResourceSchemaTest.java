package gkeserving.tools.render.check;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Custom resources against the committed CRDs: the same strictness as built-in kinds. */
class CustomResourceSchemaTest {
    private final ManifestValidator validator = new ManifestValidator();

    private static final String POD_MONITORING = """
            apiVersion: monitoring.googleapis.com/v1
            kind: PodMonitoring
            metadata:
              name: tf-serving-iris
              namespace: serving
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/name: tf-serving
              endpoints:
              - port: 8501
                path: /monitoring/prometheus/metrics
                interval: 15s
            """;

    @Test
    void aValidPodMonitoringPasses() {
        assertThat(validator.validateYaml(POD_MONITORING, "pm.yaml")).isEmpty();
    }

    @Test
    void anUnknownFieldIsAnError() {
        var problems = validator.validateYaml(POD_MONITORING.replace("path:", "pathh:"), "pm.yaml");
        assertThat(problems).extracting(SchemaProblem::path).containsExactly("spec.endpoints[0].pathh");
        assertThat(problems.get(0).message()).startsWith("unknown field");
    }

    @Test
    void aWrongTypeAndAMissingRequiredFieldAreErrors() {
        String scaled = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: s
                spec:
                  minReplicaCount: "zero"
                  scaleTargetRef:
                    name: d
                """;
        var problems = validator.validateYaml(scaled, "so.yaml");
        assertThat(problems).extracting(SchemaProblem::path).containsExactlyInAnyOrder("spec.minReplicaCount", "spec.triggers");
    }

    @Test
    void aValueOutsideAnEnumIsAnError() {
        String auth = """
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: a
                spec:
                  podIdentity:
                    provider: google
                """;
        assertThat(validator.validateYaml(auth, "ta.yaml")).extracting(SchemaProblem::path).containsExactly("spec.podIdentity.provider");
    }

    @Test
    void aKindOfAVersionNoCommittedCrdServesIsUnknown() {
        var problems = validator.validateYaml(POD_MONITORING.replace("monitoring.googleapis.com/v1", "monitoring.googleapis.com/v9"), "pm.yaml");
        assertThat(problems).extracting(SchemaProblem::path).containsExactly("kind");
    }
}
