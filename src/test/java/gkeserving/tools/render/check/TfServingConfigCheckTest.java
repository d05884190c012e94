package gkeserving.tools.render.check;

import gkeserving.program.config.ModelSettings;
import gkeserving.program.config.ServingSettings;
import gkeserving.program.config.ServingSettings.VersionPolicy;
import gkeserving.program.serving.TfServingConfigs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** TF Serving config texts in ConfigMaps, by the program's file names, parsed with TF Serving's own protos. */
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
    private static final String BATCHING = """
            max_batch_size { value: 32 }
            batch_timeout_micros { value: 5000 }
            num_batch_threads { value: 4 }
            max_enqueued_batches { value: 100 }
            pad_variable_length_inputs: false
            """;

    private final TfServingConfigCheck check = new TfServingConfigCheck();

    private static Map<String, Object> configMap(Map<String, Object> data) {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "tf"), "data", data);
    }

    @Test
    void realModelMonitoringAndBatchingConfigsParse() {
        assertThat(check.check(configMap(Map.of("models.config", MODELS, "monitoring.config", MONITORING,
                "batching_parameters.txt", BATCHING)), "cm.yaml")).isEmpty();
    }

    @Test
    void theTextsTheProgramRendersPass() {
        var batching = new ServingSettings.Batching(true, 64, 2000, 8, 50, true);
        var model = new ModelSettings("iris", "models/iris", "serving_default");

        assertThat(check.check(configMap(Map.of(
                TfServingConfigs.MODELS_CONFIG, TfServingConfigs.modelsConfig(model, VersionPolicy.LATEST_ONE, Map.of("stable", 1L)),
                TfServingConfigs.MONITORING_CONFIG, TfServingConfigs.monitoringConfig(),
                TfServingConfigs.BATCHING_PARAMETERS, TfServingConfigs.batchingParameters(batching))), "cm.yaml"))
                .isEmpty();
    }

    @Test
    void aMisspelledBatchingFieldIsReportedNamingTheFileAndTheField() {
        List<SchemaProblem> problems = check.check(configMap(Map.of(
                "batching_parameters.txt", BATCHING.replace("num_batch_threads", "num_batch_thread"))), "cm.yaml");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("data[\"batching_parameters.txt\"]");
            assertThat(p.message()).startsWith("not a valid TF Serving BatchingParameters (batching_parameters.txt): line ")
                    .contains("num_batch_thread");
        });
    }

    @Test
    void aBatchingValueOfTheWrongTypeIsReported() {
        List<SchemaProblem> problems = check.check(configMap(Map.of(
                "batching_parameters.txt", BATCHING.replace("max_batch_size { value: 32 }", "max_batch_size: 32"))),
                "cm.yaml");

        assertThat(problems).singleElement().satisfies(p ->
                assertThat(p.message()).startsWith("not a valid TF Serving BatchingParameters (batching_parameters.txt): line 1"));
    }

    @Test
    void everyBadFileInOneConfigMapIsReported() {
        List<SchemaProblem> problems = check.check(configMap(Map.of(
                "models.config", MODELS.replace("base_path", "basepath"),
                "batching_parameters.txt", "max_batch_size { value: \"big\" }")), "cm.yaml");

        assertThat(problems).extracting(SchemaProblem::path)
                .containsExactly("data[\"batching_parameters.txt\"]", "data[\"models.config\"]");
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
    void knowsTheThreeConfigFilesTfServingReadsAsProtos() {
        assertThat(TfServingConfigParser.fileNames())
                .containsExactly("batching_parameters.txt", "models.config", "monitoring.config");
    }
}
