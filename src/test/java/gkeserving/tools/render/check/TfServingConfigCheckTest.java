package gkeserving.tools.render.check;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** TF Serving config texts in ConfigMaps, parsed with TF Serving's own protos. */
class TfServingConfigCheckTest {
    private static final String MODELS = """
            model_config_list {
              config {
                name: "iris"
                base_path: "/models/iris"
                model_platform: "tensorflow"
                model_version_policy { latest { num_versions: 2 } }
                version_labels { key: "stable" value: 1 }
              }
            }
            """;
    private static final String MONITORING = """
            prometheus_config {
              enable: true
              path: "/monitoring/prometheus/metrics"
            }
            """;

    private final TfServingConfigCheck check = new TfServingConfigCheck();

    private static Map<String, Object> configMap(Map<String, Object> data) {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "tf"), "data", data);
    }

    @Test
    void realModelAndMonitoringConfigsParse() {
        assertThat(check.check(configMap(Map.of("models.config", MODELS, "monitoring.config", MONITORING)), "cm.yaml"))
                .isEmpty();
    }

    @Test
    void aMisspelledFieldIsReportedWithItsLineAndTheProtoName() {
        List<SchemaProblem> problems = check.check(
                configMap(Map.of("models.config", MODELS.replace("base_path", "basepath"))), "cm.yaml");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("cm.yaml");
            assertThat(p.path()).isEqualTo("data[\"models.config\"]");
            assertThat(p.message()).startsWith("not a valid TF Serving ModelServerConfig (models.config): line 4, column ")
                    .contains("basepath");
        });
    }

    @Test
    void aValueOfTheWrongTypeIsReported() {
        List<SchemaProblem> problems = check.check(
                configMap(Map.of("monitoring.config", MONITORING.replace("enable: true", "enable: \"yes\""))), "cm.yaml");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("data[\"monitoring.config\"]");
            assertThat(p.message()).startsWith("not a valid TF Serving MonitoringConfig (monitoring.config): line 2");
        });
    }

    @Test
    void otherKeysAndOtherKindsAreNotTfServingConfigs() {
        assertThat(check.check(configMap(Map.of("batching.config", "not { a proto", "README", "x")), "cm.yaml")).isEmpty();
        assertThat(check.check(Map.of("apiVersion", "v1", "kind", "Secret",
                "data", Map.of("models.config", "garbage {")), "s.yaml")).isEmpty();
    }

    @Test
    void aNonTextValueUnderAKnownKeyIsReported() {
        assertThat(check.check(configMap(Map.of("models.config", 3)), "cm.yaml"))
                .singleElement().extracting(SchemaProblem::message)
                .isEqualTo("expected TF Serving config text, got number 3");
    }

    @Test
    void knowsTheTwoConfigFilesTfServingReadsAsProtos() {
        assertThat(TfServingConfigCheck.knownKeys()).containsExactly("models.config", "monitoring.config");
    }
}
