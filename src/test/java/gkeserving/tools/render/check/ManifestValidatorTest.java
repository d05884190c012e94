package gkeserving.tools.render.check;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ManifestValidatorTest {

    private static final String SOURCE = "test.yaml";

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: tf-serving
              namespace: serving
              labels:
                app.kubernetes.io/name: tf-serving
                example.com/any_Key-1: "true"
              annotations:
                prometheus.io/port: "8501"
                deployment.kubernetes.io/revision: "3"
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app.kubernetes.io/name: tf-serving
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 1
                  maxUnavailable: 25%
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: tf-serving
                spec:
                  nodeSelector:
                    cloud.google.com/gke-accelerator: nvidia-tesla-t4
                  tolerations:
                    - key: nvidia.com/gpu
                      operator: Equal
                      value: present
                      effect: NoSchedule
                  containers:
                    - name: serving
                      image: europe-docker.pkg.dev/p/r/serving@sha256:0123abcd
                      args: ["--port=8500", "--rest_api_port=8501"]
                      env:
                        - name: MODEL_NAME
                          value: half_plus_two
                      ports:
                        - name: grpc
                          containerPort: 8500
                        - name: http
                          containerPort: 8501
                      resources:
                        requests:
                          cpu: 500m
                          memory: 4Gi
                        limits:
                          cpu: 2
                          memory: 8Gi
                          nvidia.com/gpu: 1
                      readinessProbe:
                        httpGet:
                          path: /v1/models/half_plus_two
                          port: http
                        initialDelaySeconds: 5
                        periodSeconds: 10
                      livenessProbe:
                        tcpSocket:
                          port: 8500
                        failureThreshold: 3
            """;

    private final ManifestValidator validator = new ManifestValidator();

    private List<SchemaProblem> validate(String yaml) {
        return validator.validateYaml(yaml, SOURCE);
    }

    /** The base text with one exact fragment changed; fails loudly if the fragment is not there once. */
    private static String change(String base, String from, String to) {
        assertThat(base.split(Pattern.quote(from), -1)).as("occurrences of %s", from).hasSize(2);
        return base.replace(from, to);
    }

    private static String deploymentWith(String from, String to) {
        return change(DEPLOYMENT, from, to);
    }

    @Nested
    class Deployments {

        @Test
        void validDeploymentWithGpuLimitsTolerationsProbesAndNamedPortsHasNoProblems() {
            assertThat(validate(DEPLOYMENT)).isEmpty();
        }

        @Test
        void misspelledFieldIsReportedWithItsPath() {
            List<SchemaProblem> problems = validate(deploymentWith("containerPort: 8501", "containerport: 8501"));

            assertThat(problems).containsExactly(new SchemaProblem(SOURCE,
                    "spec.template.spec.containers[0].ports[1].containerport", "unknown field"));
        }

        @Test
        void unknownFieldInsideListItemNamesItsIndex() {
            List<SchemaProblem> problems = validate(deploymentWith("effect: NoSchedule", "efect: NoSchedule"));

            assertThat(problems).containsExactly(new SchemaProblem(SOURCE,
                    "spec.template.spec.tolerations[0].efect", "unknown field"));
        }

        static Stream<Arguments> misspellingsAtEveryDepth() {
            return Stream.of(
                    arguments("namespace: serving", "namespce: serving", "metadata.namespce"),
                    arguments("    metadata:\n      labels:", "    metadata:\n      label:",
                            "spec.template.metadata.label"),
                    arguments("path: /v1/models/half_plus_two", "pth: /v1/models/half_plus_two",
                            "spec.template.spec.containers[0].readinessProbe.httpGet.pth"),
                    arguments("failureThreshold: 3", "failureTreshold: 3",
                            "spec.template.spec.containers[0].livenessProbe.failureTreshold"),
                    arguments("maxUnavailable: 25%", "maxUnavailble: 25%", "spec.strategy.rollingUpdate.maxUnavailble"),
                    arguments("- name: MODEL_NAME", "- nme: MODEL_NAME", "spec.template.spec.containers[0].env[0].nme"));
        }

        @ParameterizedTest(name = "{1} -> {2}")
        @MethodSource("misspellingsAtEveryDepth")
        void unknownFieldAtAnyDepthIsFound(String from, String to, String expectedPath) {
            assertThat(validate(deploymentWith(from, to))).containsExactly(
                    new SchemaProblem(SOURCE, expectedPath, "unknown field"));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
                "replicas: 2|replicas: true|spec.replicas|expected an integer, got boolean true",
                "replicas: 2|replicas: ''|spec.replicas|expected an integer, got string \"\"",
                "  replicas: 2|  paused: \"true\"|spec.paused|expected true or false, got string \"true\"",
                "  replicas: 2|  paused: 1|spec.paused|expected true or false, got number 1"})
        void scalarOfTheWrongTypeIsRejected(String from, String to, String expectedPath, String expectedMessage) {
            assertThat(validate(deploymentWith(from, to))).containsExactly(
                    new SchemaProblem(SOURCE, expectedPath, expectedMessage));
        }

        @Test
        void fractionalAndExponentQuantitiesAreAccepted() {
            String yaml = deploymentWith("cpu: 500m", "cpu: 0.5");
            yaml = change(yaml, "memory: 4Gi", "memory: 4e9");

            assertThat(validate(yaml)).isEmpty();
        }

        @Test
        void everyUnknownFieldIsReported() {
            String yaml = deploymentWith("effect: NoSchedule", "efect: NoSchedule");
            yaml = change(yaml, "  replicas: 2", "  replica: 2");

            assertThat(validate(yaml)).extracting(SchemaProblem::path).containsExactlyInAnyOrder(
                    "spec.replica", "spec.template.spec.tolerations[0].efect");
        }

        @Test
        void replicasAsWordIsRejected() {
            assertThat(validate(deploymentWith("replicas: 2", "replicas: \"two\""))).containsExactly(
                    new SchemaProblem(SOURCE, "spec.replicas", "expected an integer, got string \"two\""));
        }

        @Test
        void replicasAsNumericStringIsRejected() {
            assertThat(validate(deploymentWith("replicas: 2", "replicas: \"2\""))).containsExactly(
                    new SchemaProblem(SOURCE, "spec.replicas", "expected an integer, got string \"2\""));
        }

        @Test
        void fractionalReplicasAreRejected() {
            assertThat(validate(deploymentWith("replicas: 2", "replicas: 2.5"))).containsExactly(
                    new SchemaProblem(SOURCE, "spec.replicas", "expected an integer, got number 2.5"));
        }

        @Test
        void containerPortAsStringIsRejected() {
            assertThat(validate(deploymentWith("containerPort: 8500", "containerPort: \"8500\"")))
                    .extracting(SchemaProblem::path, SchemaProblem::message)
                    .containsExactly(tuple(
                            "spec.template.spec.containers[0].ports[0].containerPort",
                            "expected an integer, got string \"8500\""));
        }

        @Test
        void numberGivenForStringFieldIsRejected() {
            assertThat(validate(deploymentWith("value: half_plus_two", "value: 2")))
                    .extracting(SchemaProblem::path, SchemaProblem::message)
                    .containsExactly(tuple(
                            "spec.template.spec.containers[0].env[0].value", "expected a string, got number 2"));
        }

        @Test
        void unquotedNumberAsAnnotationValueIsRejectedWithTheKeyInThePath() {
            assertThat(validate(deploymentWith("prometheus.io/port: \"8501\"", "prometheus.io/port: 8501")))
                    .extracting(SchemaProblem::path)
                    .containsExactly("metadata.annotations[\"prometheus.io/port\"]");
        }

        @Test
        void scalarWhereListIsExpectedIsRejected() {
            assertThat(validate(deploymentWith("args: [\"--port=8500\", \"--rest_api_port=8501\"]",
                    "args: \"--port=8500\"")))
                    .extracting(SchemaProblem::message)
                    .containsExactly("expected a list, got string \"--port=8500\"");
        }

        @Test
        void malformedQuantityIsRejected() {
            List<SchemaProblem> problems = validate(deploymentWith("memory: 8Gi", "memory: 8GB"));

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo("spec.template.spec.containers[0].resources.limits.memory");
                assertThat(problem.message()).startsWith("\"8GB\" is not a quantity");
            });
        }

        @Test
        void booleanForIntOrStringIsRejected() {
            assertThat(validate(deploymentWith("maxSurge: 1", "maxSurge: true")))
                    .extracting(SchemaProblem::path, SchemaProblem::message)
                    .containsExactly(tuple(
                            "spec.strategy.rollingUpdate.maxSurge", "expected an integer or a string, got boolean true"));
        }
    }

    @Nested
    class Kinds {

        @Test
        void misspelledKindIsUnknownAndKnownKindsOfThatApiVersionAreListed() {
            assertThat(validate(deploymentWith("kind: Deployment", "kind: Deploymnet"))).containsExactly(
                    new SchemaProblem(SOURCE, "kind",
                            "unknown kind Deploymnet in apiVersion apps/v1; known: DaemonSet, Deployment"));
        }

        @Test
        void unknownApiVersionListsEveryKnownPair() {
            List<SchemaProblem> problems = validate(deploymentWith("apiVersion: apps/v1", "apiVersion: apps/v1beta1"));

            assertThat(problems).singleElement().extracting(SchemaProblem::message).asString()
                    .startsWith("unknown kind Deployment in apiVersion apps/v1beta1; known: ")
                    .contains("apps/v1 Deployment", "v1 Service", "autoscaling/v2 HorizontalPodAutoscaler",
                            "policy/v1 PodDisruptionBudget");
        }

        @ParameterizedTest
        @CsvSource({
                "v1, Namespace", "v1, ServiceAccount", "v1, ConfigMap", "v1, Service", "v1, ResourceQuota",
                "v1, Secret", "apps/v1, Deployment", "apps/v1, DaemonSet",
                "autoscaling/v2, HorizontalPodAutoscaler", "policy/v1, PodDisruptionBudget"})
        void eachKnownKindIsRecognised(String apiVersion, String kind) {
            String yaml = "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: x\n";

            assertThat(validate(yaml)).isEmpty();
        }

        @Test
        void kindOfAnotherApiVersionIsUnknown() {
            assertThat(validate("apiVersion: v1\nkind: Deployment\nmetadata:\n  name: x\n"))
                    .extracting(SchemaProblem::message)
                    .singleElement().asString().startsWith("unknown kind Deployment in apiVersion v1; known: ");
        }

        @Test
        void fieldOfAnotherKindIsUnknown() {
            String service = """
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: tf-serving
                    spec:
                      type: LoadBalancer
                      replicas: 2
                      selector:
                        app.kubernetes.io/name: tf-serving
                      ports:
                        - name: http
                          port: 8501
                          targetPort: http
                        - name: grpc
                          port: 8500
                          targetPort: 8500
                    """;

            assertThat(validate(service)).containsExactly(
                    new SchemaProblem(SOURCE, "spec.replicas", "unknown field"));
        }

        @Test
        void hpaV2WithBehaviorAndMetricsHasNoProblems() {
            String hpa = """
                    apiVersion: autoscaling/v2
                    kind: HorizontalPodAutoscaler
                    metadata:
                      name: tf-serving
                    spec:
                      scaleTargetRef:
                        apiVersion: apps/v1
                        kind: Deployment
                        name: tf-serving
                      minReplicas: 1
                      maxReplicas: 4
                      metrics:
                        - type: Resource
                          resource:
                            name: cpu
                            target:
                              type: Utilization
                              averageUtilization: 70
                        - type: Pods
                          pods:
                            metric:
                              name: requests_per_second
                            target:
                              type: AverageValue
                              averageValue: 100m
                      behavior:
                        scaleDown:
                          stabilizationWindowSeconds: 300
                          policies:
                            - type: Pods
                              value: 1
                              periodSeconds: 60
                        scaleUp:
                          selectPolicy: Max
                          policies:
                            - type: Percent
                              value: 100
                              periodSeconds: 15
                    """;

            assertThat(validate(hpa)).isEmpty();
            assertThat(validate(change(hpa, "stabilizationWindowSeconds", "stabilisationWindowSeconds")))
                    .extracting(SchemaProblem::path)
                    .containsExactly("spec.behavior.scaleDown.stabilisationWindowSeconds");
        }

        @Test
        void pdbHasNoProblems() {
            String pdb = """
                    apiVersion: policy/v1
                    kind: PodDisruptionBudget
                    metadata:
                      name: tf-serving
                    spec:
                      minAvailable: 50%
                      selector:
                        matchLabels:
                          app.kubernetes.io/name: tf-serving
                    """;

            assertThat(validate(pdb)).isEmpty();
            assertThat(validate(change(pdb, "minAvailable: 50%", "minAvailable: 1"))).isEmpty();
        }
    }

    @Nested
    class RequiredFields {

        @Test
        void missingApiVersionKindAndNameAreEachReported() {
            assertThat(validate("metadata:\n  namespace: serving\n"))
                    .extracting(SchemaProblem::path)
                    .containsExactly("apiVersion", "kind", "metadata.name");
        }

        @Test
        void missingMetadataIsReportedAsMissingName() {
            assertThat(validate("apiVersion: v1\nkind: Namespace\n")).containsExactly(
                    new SchemaProblem(SOURCE, "metadata.name", "required (a non-empty string)"));
        }

        @Test
        void nonStringKindIsReportedWithWhatWasGiven() {
            assertThat(validate("apiVersion: v1\nkind: 3\nmetadata:\n  name: x\n")).containsExactly(
                    new SchemaProblem(SOURCE, "kind", "required (a non-empty string), got number 3"));
        }
    }

    @Nested
    class Documents {

        @Test
        void wholeDoublesFromARenderAreAcceptedAsIntegers() {
            // Pulumi hands numbers over as doubles; the API server accepts 2.0 for an integer.
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("replicas", 2.0);
            spec.put("selector", Map.of("matchLabels", Map.of("app", "x")));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("apiVersion", "apps/v1");
            manifest.put("kind", "Deployment");
            manifest.put("metadata", Map.of("name", "x"));
            manifest.put("spec", spec);

            assertThat(validator.validate(manifest, SOURCE)).isEmpty();
            spec.put("replicas", 2.5);
            assertThat(validator.validate(manifest, SOURCE)).extracting(SchemaProblem::path)
                    .containsExactly("spec.replicas");
        }

        @Test
        void invalidYamlIsOneProblem() {
            assertThat(validate("apiVersion: v1\nkind: [Namespace\n")).singleElement()
                    .extracting(SchemaProblem::message).asString().startsWith("not valid YAML: ");
        }

        @Test
        void duplicateKeyIsRejected() {
            assertThat(validate("apiVersion: v1\nkind: Namespace\nkind: Namespace\nmetadata:\n  name: x\n"))
                    .singleElement().extracting(SchemaProblem::message).asString()
                    .startsWith("not valid YAML: ").contains("kind");
        }

        @Test
        void moreThanOneDocumentIsRejected() {
            String two = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n"
                    + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n";

            assertThat(validate(two)).containsExactly(
                    new SchemaProblem(SOURCE, "", "expected exactly one YAML document, found 2"));
        }

        @Test
        void scalarDocumentIsRejected() {
            assertThat(validate("just text")).containsExactly(new SchemaProblem(SOURCE, "",
                    "expected a mapping with apiVersion, kind and metadata, got string \"just text\""));
        }
    }

    @Test
    void problemReadsAsSourcePathAndMessage() {
        assertThat(new SchemaProblem("a.yaml", "spec.replicas", "unknown field"))
                .hasToString("a.yaml: spec.replicas: unknown field");
        assertThat(new SchemaProblem("a.yaml", "", "not valid YAML: x"))
                .hasToString("a.yaml: not valid YAML: x");
    }
}
