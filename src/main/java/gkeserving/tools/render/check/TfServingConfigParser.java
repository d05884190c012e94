package gkeserving.tools.render.check;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import gkeserving.program.serving.TfServingConfigs;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;
import tensorflow.serving.MonitoringConfigOuterClass.MonitoringConfig;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Parses TF Serving's config files the way the server does: protocol buffer text format into its own
 * messages, rejecting unknown fields and wrongly typed values, so a typo fails the render's check (and
 * the tests) instead of crash-looping a GPU pod. Files are known by the names the program gives them in
 * the ConfigMap ({@link TfServingConfigs}), each tied to the message its server flag reads it as.
 */
public final class TfServingConfigParser {
    /** Config file name in the ConfigMap → a builder of the message its server flag reads it as. */
    private static final SortedMap<String, Supplier<Message.Builder>> MESSAGES =
            Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
                    TfServingConfigs.MODELS_CONFIG, ModelServerConfig::newBuilder,
                    TfServingConfigs.MONITORING_CONFIG, MonitoringConfig::newBuilder,
                    TfServingConfigs.BATCHING_PARAMETERS,
                    () -> DynamicMessage.newBuilder(BatchingParametersProto.DESCRIPTOR))));

    /** The server reads each file with C++'s TextFormat::ParseFromString, which refuses a singular field given twice. */
    private static final TextFormat.Parser PARSER = TextFormat.Parser.newBuilder()
            .setSingularOverwritePolicy(TextFormat.Parser.SingularOverwritePolicy.FORBID_SINGULAR_OVERWRITES)
            .build();

    private TfServingConfigParser() {
    }

    /** The config file names TF Serving reads as protos, sorted. */
    public static Set<String> fileNames() {
        return MESSAGES.keySet();
    }

    /** The proto message a config file is read as, e.g. {@code ModelServerConfig}. */
    public static String messageName(String fileName) {
        return builderFor(fileName).getDescriptorForType().getName();
    }

    /** @throws IllegalArgumentException when {@code fileName} is not one of {@link #fileNames()} */
    public static Message parse(String fileName, String text) throws TextFormat.ParseException {
        Message.Builder builder = builderFor(fileName);
        PARSER.merge(text, builder);
        return builder.build();
    }

    public static ModelServerConfig modelServerConfig(String text) throws TextFormat.ParseException {
        return (ModelServerConfig) parse(TfServingConfigs.MODELS_CONFIG, text);
    }

    public static MonitoringConfig monitoringConfig(String text) throws TextFormat.ParseException {
        return (MonitoringConfig) parse(TfServingConfigs.MONITORING_CONFIG, text);
    }

    public static DynamicMessage batchingParameters(String text) throws TextFormat.ParseException {
        return (DynamicMessage) parse(TfServingConfigs.BATCHING_PARAMETERS, text);
    }

    private static Message.Builder builderFor(String fileName) {
        Supplier<Message.Builder> message = MESSAGES.get(fileName);
        if (message == null) {
            throw new IllegalArgumentException(fileName + " is not a TF Serving config file; known: " + fileNames());
        }
        return message.get();
    }
}
