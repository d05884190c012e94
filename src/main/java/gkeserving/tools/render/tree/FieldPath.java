package gkeserving.tools.render.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A location inside a tree of maps and lists (a resource's inputs, a manifest): field names / map keys
 * and list indexes, printed the way people read them: {@code spec.containers[0].resources.limits["nvidia.com/gpu"]}.
 */
public record FieldPath(List<Segment> segments) {
    public static final FieldPath ROOT = new FieldPath(List.of());

    /** Keys that can be printed after a dot without ambiguity; others get brackets. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_$-]+");

    /** One step: a field name / map key, or (when {@code name} is null) a list index. */
    public record Segment(String name, int index) {
        public boolean isIndex() {
            return name == null;
        }
    }

    public FieldPath {
        segments = List.copyOf(segments);
    }

    public FieldPath field(String name) {
        return append(new Segment(name, -1));
    }

    public FieldPath index(int index) {
        return append(new Segment(null, index));
    }

    private FieldPath append(Segment segment) {
        List<Segment> longer = new ArrayList<>(segments);
        longer.add(segment);
        return new FieldPath(longer);
    }

    @Override
    public String toString() {
        var text = new StringBuilder();
        for (Segment s : segments) {
            if (s.isIndex()) {
                text.append('[').append(s.index()).append(']');
            } else if (!PLAIN_KEY.matcher(s.name()).matches()) {
                text.append("[\"").append(s.name().replace("\"", "\\\"")).append("\"]");
            } else {
                text.append(text.isEmpty() ? "" : ".").append(s.name());
            }
        }
        return text.toString();
    }
}
