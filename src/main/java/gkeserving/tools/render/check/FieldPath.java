package gkeserving.tools.render.check;

import java.util.regex.Pattern;

/**
 * An immutable location inside a manifest, printed the way people read them:
 * {@code spec.containers[0].resources.limits["nvidia.com/gpu"]}.
 */
final class FieldPath {

    /** Keys that can be printed after a dot without ambiguity; others get brackets. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_$-]+");

    private static final FieldPath ROOT = new FieldPath("");

    private final String text;

    private FieldPath(String text) {
        this.text = text;
    }

    static FieldPath root() {
        return ROOT;
    }

    FieldPath field(String name) {
        if (!PLAIN_KEY.matcher(name).matches()) {
            return new FieldPath(text + "[\"" + name.replace("\"", "\\\"") + "\"]");
        }
        return new FieldPath(text.isEmpty() ? name : text + "." + name);
    }

    FieldPath index(int index) {
        return new FieldPath(text + "[" + index + "]");
    }

    @Override
    public String toString() {
        return text;
    }
}
