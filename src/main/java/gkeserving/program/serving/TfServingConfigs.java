package gkeserving.program.serving;

import gkeserving.program.config.ModelSettings;
import gkeserving.program.config.ServingSettings;
import gkeserving.program.config.ServingSettings.Batching;
import gkeserving.program.config.ServingSettings.VersionPolicy;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * TF Serving's config files as protocol buffer text format, rendered from settings by pure functions.
 * TF Serving parses each file strictly at start-up (an unknown field stops the server), so the render's
 * check and the tests parse the texts, by these file names, with TF Serving's own message definitions.
 */
public final class TfServingConfigs {
    public static final String MODELS_CONFIG = "models.config";
    public static final String BATCHING_PARAMETERS = "batching_parameters.txt";
    public static final String MONITORING_CONFIG = "monitoring.config";
    /** Where TF Serving serves Prometheus metrics, on the REST port. */
    public static final String PROMETHEUS_PATH = "/monitoring/prometheus/metrics";
    /** The only platform a SavedModel is served by. */
    static final String PLATFORM = "tensorflow";

    private TfServingConfigs() {
    }

    /** Every config file the server reads, by file name; the batching file only when batching is on. */
    public static SortedMap<String, String> files(ModelSettings model, ServingSettings serving) {
        var files = new TreeMap<String, String>();
        files.put(MODELS_CONFIG, modelsConfig(model, serving.versionPolicy(), serving.versionLabels()));
        files.put(MONITORING_CONFIG, monitoringConfig());
        if (serving.batching().enabled()) {
            files.put(BATCHING_PARAMETERS, batchingParameters(serving.batching()));
        }
        return files;
    }

    /** {@code ModelServerConfig} with one model: where it lives in the image, which versions load, their labels. */
    public static String modelsConfig(ModelSettings model, VersionPolicy policy, Map<String, Long> versionLabels) {
        return "model_config_list {\n"
                + "  config {\n"
                + "    name: " + quoted(model.name()) + "\n"
                + "    base_path: " + quoted(model.basePathInImage()) + "\n"
                + "    model_platform: " + quoted(PLATFORM) + "\n"
                + versionPolicy(policy)
                + versionLabels(versionLabels)
                + "  }\n"
                + "}\n";
    }

    private static String versionPolicy(VersionPolicy policy) {
        String choice = policy.latest()
                .map(n -> "      latest {\n        num_versions: " + n + "\n      }\n")
                .orElseGet(() -> "      specific {\n" + policy.specific().stream()
                        .map(v -> "        versions: " + v + "\n")
                        .collect(Collectors.joining()) + "      }\n");
        return "    model_version_policy {\n" + choice + "    }\n";
    }

    /** Sorted by label so the text (and the ConfigMap checksum) does not depend on map order. */
    private static String versionLabels(Map<String, Long> labels) {
        return new TreeMap<>(labels).entrySet().stream()
                .map(e -> "    version_labels {\n      key: " + quoted(e.getKey()) + "\n      value: " + e.getValue() + "\n    }\n")
                .collect(Collectors.joining());
    }

    /**
     * TF Serving's {@code BatchingParameters}: the numeric fields are {@code google.protobuf.Int64Value}
     * wrappers (so "unset" differs from 0), hence {@code max_batch_size { value: 32 }}; the padding flag is a plain bool.
     */
    public static String batchingParameters(Batching batching) {
        return wrapped("max_batch_size", batching.maxBatchSize())
                + wrapped("batch_timeout_micros", batching.batchTimeoutMicros())
                + wrapped("num_batch_threads", batching.numBatchThreads())
                + wrapped("max_enqueued_batches", batching.maxEnqueuedBatches())
                + "pad_variable_length_inputs: " + batching.padVariableLengthInputs() + "\n";
    }

    /** {@code MonitoringConfig}: Prometheus metrics on the REST port. */
    public static String monitoringConfig() {
        return "prometheus_config {\n"
                + "  enable: true\n"
                + "  path: " + quoted(PROMETHEUS_PATH) + "\n"
                + "}\n";
    }

    private static String wrapped(String field, long value) {
        return field + " { value: " + value + " }\n";
    }

    /** Text-format string literal; names and paths here are validated DNS labels, but escape anyway. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
