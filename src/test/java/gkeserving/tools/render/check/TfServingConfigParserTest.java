package gkeserving.tools.render.check;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import gkeserving.program.serving.TfServingConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TF Serving's config files by the program's file names; the batching file against TF Serving 2.18's fields. */
class TfServingConfigParserTest {
    private static final String EVERY_BATCHING_FIELD = """
            max_batch_size { value: 64 }
            batch_timeout_micros { value: 2000 }
            max_enqueued_batches { value: 50 }
            num_batch_threads { value: 8 }
            thread_pool_name { value: "batch_threads" }
            allowed_batch_sizes: 16
            allowed_batch_sizes: 32
            allowed_batch_sizes: 64
            pad_variable_length_inputs: true
            enable_large_batch_splitting { value: true }
            max_execution_batch_size { value: 32 }
            """;

    @Test
    void knowsTheThreeFilesTheProgramRendersByTheirConfigMapNames() {
        assertThat(TfServingConfigParser.fileNames()).containsExactly(
                TfServingConfigs.BATCHING_PARAMETERS, TfServingConfigs.MODELS_CONFIG, TfServingConfigs.MONITORING_CONFIG);
        assertThat(TfServingConfigParser.messageName(TfServingConfigs.MODELS_CONFIG)).isEqualTo("ModelServerConfig");
        assertThat(TfServingConfigParser.messageName(TfServingConfigs.MONITORING_CONFIG)).isEqualTo("MonitoringConfig");
        assertThat(TfServingConfigParser.messageName(TfServingConfigs.BATCHING_PARAMETERS)).isEqualTo("BatchingParameters");
    }

    @Test
    void theListOfFilesCannotBeChangedByACaller() {
        assertThatThrownBy(() -> TfServingConfigParser.fileNames().remove(TfServingConfigs.MODELS_CONFIG))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anyOtherFileNameIsRefused() {
        assertThatThrownBy(() -> TfServingConfigParser.parse("batching.config", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batching.config");
    }

    @Test
    void everyBatchingFieldParsesWithItsValue() throws Exception {
        DynamicMessage parsed = TfServingConfigParser.batchingParameters(EVERY_BATCHING_FIELD);

        assertThat(wrapped(parsed, "max_batch_size")).isEqualTo(64L);
        assertThat(wrapped(parsed, "batch_timeout_micros")).isEqualTo(2000L);
        assertThat(wrapped(parsed, "max_enqueued_batches")).isEqualTo(50L);
        assertThat(wrapped(parsed, "num_batch_threads")).isEqualTo(8L);
        assertThat(wrapped(parsed, "thread_pool_name")).isEqualTo("batch_threads");
        assertThat(parsed.getField(field(parsed, "allowed_batch_sizes"))).asList().containsExactly(16L, 32L, 64L);
        assertThat(parsed.getField(field(parsed, "pad_variable_length_inputs"))).isEqualTo(true);
        assertThat(wrapped(parsed, "enable_large_batch_splitting")).isEqualTo(true);
        assertThat(wrapped(parsed, "max_execution_batch_size")).isEqualTo(32L);
    }

    @Test
    void anEmptyBatchingFileIsValidAndSetsNothing() throws Exception {
        assertThat(TfServingConfigParser.batchingParameters("").getAllFields()).isEmpty();
    }

    @Test
    void aMisspelledBatchingFieldIsRefusedByName() {
        assertThatThrownBy(() -> TfServingConfigParser.batchingParameters(
                EVERY_BATCHING_FIELD.replace("num_batch_threads", "num_batch_thread")))
                .isInstanceOf(TextFormat.ParseException.class).hasMessageContaining("num_batch_thread");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // A bare scalar is what a hand-written file often gets wrong; TF Serving refuses it, so must the check.
            "max_batch_size: 32",
            "max_batch_size { value: \"32\" }",
            "batch_timeout_micros { value: 1.5 }",
            "pad_variable_length_inputs: maybe",
            "pad_variable_length_inputs { value: true }",
            "allowed_batch_sizes { value: 8 }",
            "enable_large_batch_splitting { value: 2 }",
            "max_batch_size { value: 1 } max_batch_size { value: 2 }",
            "pad_variable_length_inputs: true pad_variable_length_inputs: false"})
    void aValueOfTheWrongTypeOrShapeIsRefused(String text) {
        assertThatThrownBy(() -> TfServingConfigParser.batchingParameters(text))
                .isInstanceOf(TextFormat.ParseException.class);
    }

    @Test
    void aSingularFieldGivenTwiceIsRefusedInEveryFileAsTheServerDoes() {
        assertThatThrownBy(() -> TfServingConfigParser.monitoringConfig(
                "prometheus_config { enable: true enable: false }"))
                .isInstanceOf(TextFormat.ParseException.class).hasMessageContaining("enable");
        assertThatThrownBy(() -> TfServingConfigParser.modelServerConfig(
                "model_config_list { config { name: \"a\" name: \"b\" } }"))
                .isInstanceOf(TextFormat.ParseException.class).hasMessageContaining("name");
    }

    @Test
    void modelAndMonitoringFilesParseIntoTfServingsOwnMessages() throws Exception {
        Message models = TfServingConfigParser.parse(TfServingConfigs.MODELS_CONFIG,
                "model_config_list { config { name: \"iris\" base_path: \"/models/iris\" } }");
        Message monitoring = TfServingConfigParser.parse(TfServingConfigs.MONITORING_CONFIG,
                TfServingConfigs.monitoringConfig());

        assertThat(TfServingConfigParser.modelServerConfig(models.toString()).getModelConfigList().getConfig(0)
                .getBasePath()).isEqualTo("/models/iris");
        assertThat(TfServingConfigParser.monitoringConfig(monitoring.toString()).getPrometheusConfig().getEnable())
                .isTrue();
    }

    private static Object wrapped(DynamicMessage parsed, String name) {
        assertThat(parsed.hasField(field(parsed, name))).as(name + " is set").isTrue();
        Message wrapper = (Message) parsed.getField(field(parsed, name));
        return wrapper.getField(wrapper.getDescriptorForType().findFieldByName("value"));
    }

    private static com.google.protobuf.Descriptors.FieldDescriptor field(DynamicMessage parsed, String name) {
        var field = parsed.getDescriptorForType().findFieldByName(name);
        assertThat(field).as("field " + name).isNotNull();
        return field;
    }
}
