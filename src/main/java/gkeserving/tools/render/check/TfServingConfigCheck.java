package gkeserving.tools.render.check;

import com.google.protobuf.TextFormat;
import gkeserving.tools.render.tree.FieldPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the TF Serving config texts a ConfigMap carries, offline: each data key that names one of TF
 * Serving's config files is parsed by {@link TfServingConfigParser} into the message the server reads it
 * as. A misspelled field or a wrong value type is reported the way TF Serving would fail to start on it,
 * before anything is deployed.
 */
public final class TfServingConfigCheck {
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
        for (String fileName : TfServingConfigParser.fileNames()) {
            if (data.containsKey(fileName)) {
                String path = FieldPath.ROOT.field("data").field(fileName).toString();
                Object text = data.get(fileName);
                if (!(text instanceof String configText)) {
                    problems.add(new SchemaProblem(source, path,
                            "expected TF Serving config text, got " + DecodeFailure.describeValue(text)));
                } else {
                    checkText(fileName, configText).ifPresent(message ->
                            problems.add(new SchemaProblem(source, path, message)));
                }
            }
        }
        return problems;
    }

    private static Optional<String> checkText(String fileName, String text) {
        try {
            TfServingConfigParser.parse(fileName, text);
            return Optional.empty();
        } catch (TextFormat.ParseException e) {
            return Optional.of("not a valid TF Serving " + TfServingConfigParser.messageName(fileName)
                    + " (" + fileName + "): " + describe(e));
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
