package gkeserving.tools.render.check;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import gkeserving.tools.render.tree.FieldPath;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;
import tensorflow.serving.MonitoringConfigOuterClass.MonitoringConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Checks the TF Serving config texts a ConfigMap carries against TF Serving's own protos, offline:
 * each known data key is parsed with protobuf {@link TextFormat} into the message TF Serving reads it as
 * ({@code --model_config_file}, {@code --monitoring_config_file}). A misspelled field or a wrong value
 * type is reported the way TF Serving would fail to start on it, before anything is deployed.
 */
public final class TfServingConfigCheck {
    /** ConfigMap data key → the proto TF Serving parses that file as. Add a config file by adding a line. */
    private static final Map<String, Supplier<Message.Builder>> PROTOS = new TreeMap<>(Map.of(
            "models.config", ModelServerConfig::newBuilder,
            "monitoring.config", MonitoringConfig::newBuilder));

    private static final TextFormat.Parser PARSER = TextFormat.Parser.newBuilder().build();

    /** The ConfigMap data keys this check knows, sorted. */
    public static List<String> knownKeys() {
        return List.copyOf(PROTOS.keySet());
    }

    /**
     * @param manifest one Kubernetes object; anything but a v1 ConfigMap has nothing to check
     * @return a problem per config text that TF Serving would reject; empty when all parse
     */
    public List<SchemaProblem> check(Map<String, Object> manifest, String source) {
        if (!"v1".equals(manifest.get("apiVersion")) || !"ConfigMap".equals(manifest.get("kind"))
                || !(manifest.get("data") instanceof Map<?, ?> data)) {
            return List.of();
        }
        List<SchemaProblem> problems = new ArrayList<>();
        PROTOS.forEach((key, proto) -> {
            if (data.containsKey(key)) {
                String path = FieldPath.ROOT.field("data").field(key).toString();
                Object text = data.get(key);
                if (!(text instanceof String configText)) {
                    problems.add(new SchemaProblem(source, path,
                            "expected TF Serving config text, got " + DecodeFailure.describeValue(text)));
                } else {
                    checkText(key, configText, proto.get()).ifPresent(message ->
                            problems.add(new SchemaProblem(source, path, message)));
                }
            }
        });
        return problems;
    }

    private static Optional<String> checkText(String key, String text, Message.Builder builder) {
        try {
            PARSER.merge(text, builder);
            return java.util.Optional.empty();
        } catch (TextFormat.ParseException e) {
            return java.util.Optional.of("not a valid TF Serving " + builder.getDescriptorForType().getName()
                    + " (" + key + "): " + describe(e));
        }
    }

    /** Protobuf writes "3:5: message"; people read "line 3, column 5: message". */
    private static String describe(TextFormat.ParseException e) {
        String message = e.getMessage() == null ? "cannot be parsed" : e.getMessage();
        String prefix = e.getLine() + ":" + e.getColumn() + ": ";
        if (e.getLine() > 0 && message.startsWith(prefix)) {
            return "line " + e.getLine() + ", column " + e.getColumn() + ": " + message.substring(prefix.length());
        }
        return message;
    }
}
