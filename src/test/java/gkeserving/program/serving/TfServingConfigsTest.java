package gkeserving.program.serving;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import gkeserving.program.Fixtures;
import gkeserving.program.config.ModelSettings;
import gkeserving.program.config.ServingSettings.Batching;
import gkeserving.program.config.ServingSettings.VersionPolicy;
import gkeserving.tools.render.check.TfServingConfigParser;
import org.junit.jupiter.api.Test;
import tensorflow.serving.FileSystemStoragePathSource.FileSystemStoragePathSourceConfig.ServableVersionPolicy.PolicyChoiceCase;
import tensorflow.serving.ModelServerConfigOuterClass.ModelConfig;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;
import tensorflow.serving.MonitoringConfigOuterClass.MonitoringConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each config text carries its settings and parses with TF Serving's own message definitions. */
class TfServingConfigsTest {
    private static final ModelSettings IRIS = new ModelSettings("iris", "models/iris", "serving_default");
    private static final Batching SEED_BATCHING = new Batching(true, 32, 5000, 4, 100, false);

    @Test
    void modelsConfigServesTheLatestVersionFromTheImagePath() throws Exception {
        String text = TfServingConfigs.modelsConfig(IRIS, VersionPolicy.LATEST_ONE, Map.of());

        ModelServerConfig parsed = TfServingConfigParser.modelServerConfig(text);
        assertThat(parsed.getModelConfigList().getConfigList()).hasSize(1);
        ModelConfig model = parsed.getModelConfigList().getConfig(0);
        assertThat(model.getName()).isEqualTo("iris");
        assertThat(model.getBasePath()).isEqualTo("/models/iris");
        assertThat(model.getModelPlatform()).isEqualTo("tensorflow");
        assertThat(model.getModelVersionPolicy().getPolicyChoiceCase()).isEqualTo(PolicyChoiceCase.LATEST);
        assertThat(model.getModelVersionPolicy().getLatest().getNumVersions()).isEqualTo(1);
        assertThat(model.getVersionLabelsMap()).isEmpty();
    }

    @Test
    void modelsConfigKeepsTheLatestNVersions() throws Exception {
        var policy = new VersionPolicy(Optional.of(3), List.of());

        ModelConfig model = TfServingConfigParser.modelServerConfig(TfServingConfigs.modelsConfig(IRIS, policy, Map.of()))
                .getModelConfigList().getConfig(0);

        assertThat(model.getModelVersionPolicy().getLatest().getNumVersions()).isEqualTo(3);
    }

    @Test
    void modelsConfigPinsSpecificVersionsAndLabelsThem() throws Exception {
        var policy = new VersionPolicy(Optional.empty(), List.of(1L, 2L));

        String text = TfServingConfigs.modelsConfig(IRIS, policy, Map.of("stable", 1L, "canary", 2L));

        ModelConfig model = TfServingConfigParser.modelServerConfig(text).getModelConfigList().getConfig(0);
        assertThat(model.getModelVersionPolicy().getPolicyChoiceCase()).isEqualTo(PolicyChoiceCase.SPECIFIC);
        assertThat(model.getModelVersionPolicy().getSpecific().getVersionsList()).containsExactly(1L, 2L);
        assertThat(model.getVersionLabelsMap()).containsExactlyInAnyOrderEntriesOf(Map.of("stable", 1L, "canary", 2L));
    }

    @Test
    void versionLabelOrderDoesNotChangeTheText() {
        var policy = new VersionPolicy(Optional.empty(), List.of(1L, 2L));
        var stableFirst = new LinkedHashMap<String, Long>();
        stableFirst.put("stable", 1L);
        stableFirst.put("canary", 2L);
        var canaryFirst = new LinkedHashMap<String, Long>();
        canaryFirst.put("canary", 2L);
        canaryFirst.put("stable", 1L);

        // The text feeds the ConfigMap checksum: map order must not roll the pods.
        assertThat(TfServingConfigs.modelsConfig(IRIS, policy, stableFirst))
                .isEqualTo(TfServingConfigs.modelsConfig(IRIS, policy, canaryFirst));
    }

    @Test
    void batchingParametersAreWrapperTypedAndCarryEverySetting() throws Exception {
        var batching = new Batching(true, 64, 2000, 8, 50, true);

        String text = TfServingConfigs.batchingParameters(batching);

        assertThat(text).isEqualTo("""
                max_batch_size { value: 64 }
                batch_timeout_micros { value: 2000 }
                num_batch_threads { value: 8 }
                max_enqueued_batches { value: 50 }
                pad_variable_length_inputs: true
                """);
        DynamicMessage parsed = TfServingConfigParser.batchingParameters(text);
        assertThat(wrappedLong(parsed, "max_batch_size")).isEqualTo(64);
        assertThat(wrappedLong(parsed, "batch_timeout_micros")).isEqualTo(2000);
        assertThat(wrappedLong(parsed, "num_batch_threads")).isEqualTo(8);
        assertThat(wrappedLong(parsed, "max_enqueued_batches")).isEqualTo(50);
        assertThat(parsed.getField(field(parsed, "pad_variable_length_inputs"))).isEqualTo(true);
    }

    @Test
    void seedBatchingDefaultsRenderAsTheRecommendedStartingPoint() throws Exception {
        DynamicMessage parsed = TfServingConfigParser.batchingParameters(TfServingConfigs.batchingParameters(SEED_BATCHING));

        assertThat(wrappedLong(parsed, "max_batch_size")).isEqualTo(32);
        assertThat(wrappedLong(parsed, "batch_timeout_micros")).isEqualTo(5000);
        assertThat(parsed.getField(field(parsed, "pad_variable_length_inputs"))).isEqualTo(false);
    }

    @Test
    void monitoringConfigEnablesPrometheusAtItsPath() throws Exception {
        MonitoringConfig parsed = TfServingConfigParser.monitoringConfig(TfServingConfigs.monitoringConfig());

        assertThat(parsed.getPrometheusConfig().getEnable()).isTrue();
        assertThat(parsed.getPrometheusConfig().getPath()).isEqualTo("/monitoring/prometheus/metrics");
    }

    @Test
    void misspelledFieldsAreRejectedByEachParse() {
        String models = TfServingConfigs.modelsConfig(IRIS, VersionPolicy.LATEST_ONE, Map.of());
        String batching = TfServingConfigs.batchingParameters(SEED_BATCHING);
        String monitoring = TfServingConfigs.monitoringConfig();

        assertThatThrownBy(() -> TfServingConfigParser.modelServerConfig(models.replace("base_path", "basepath")))
                .isInstanceOf(TextFormat.ParseException.class).hasMessageContaining("basepath");
        assertThatThrownBy(() -> TfServingConfigParser.batchingParameters(batching.replace("max_batch_size", "max_batch_sizes")))
                .isInstanceOf(TextFormat.ParseException.class).hasMessageContaining("max_batch_sizes");
        assertThatThrownBy(() -> TfServingConfigParser.monitoringConfig(monitoring.replace("enable:", "enabled:")))
                .isInstanceOf(TextFormat.ParseException.class).hasMessageContaining("enabled");
    }

    @Test
    void filesHoldTheBatchingParametersOnlyWhenBatchingIsOn() {
        var on = Fixtures.devWithServing("{\"batching\":{\"enabled\":true}}");
        var off = Fixtures.devWithServing("{\"batching\":{\"enabled\":false}}");

        assertThat(TfServingConfigs.files(on.model(), on.serving()).keySet())
                .containsExactly("batching_parameters.txt", "models.config", "monitoring.config");
        assertThat(TfServingConfigs.files(off.model(), off.serving()).keySet())
                .containsExactly("models.config", "monitoring.config");
    }

    @Test
    void filesRenderTheConfiguredVersionPolicyAndLabels() throws Exception {
        var settings = Fixtures.devWithServing(
                "{\"versionPolicy\":{\"specific\":[1,2]},\"versionLabels\":{\"stable\":1,\"canary\":2}}");

        String models = TfServingConfigs.files(settings.model(), settings.serving()).get("models.config");

        ModelConfig model = TfServingConfigParser.modelServerConfig(models).getModelConfigList().getConfig(0);
        assertThat(model.getModelVersionPolicy().getSpecific().getVersionsList()).containsExactly(1L, 2L);
        assertThat(model.getVersionLabelsMap()).containsEntry("stable", 1L).containsEntry("canary", 2L);
    }

    private static long wrappedLong(DynamicMessage parsed, String name) {
        Message wrapper = (Message) parsed.getField(field(parsed, name));
        assertThat(parsed.hasField(field(parsed, name))).as(name + " is set").isTrue();
        return (Long) wrapper.getField(wrapper.getDescriptorForType().findFieldByName("value"));
    }

    private static com.google.protobuf.Descriptors.FieldDescriptor field(DynamicMessage parsed, String name) {
        var field = parsed.getDescriptorForType().findFieldByName(name);
        assertThat(field).as("field " + name).isNotNull();
        return field;
    }
}
