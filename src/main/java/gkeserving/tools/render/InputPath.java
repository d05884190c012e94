package gkeserving.tools.render;

import java.util.ArrayList;
import java.util.List;

/** A location inside a resource's inputs: property names and map keys, or list indexes. */
record InputPath(List<Segment> segments) {
    static final InputPath ROOT = new InputPath(List.of());

    /** One step: a map key / property name, or a list index. */
    record Segment(String key, int index) {
        boolean isIndex() {
            return key == null;
        }
    }

    InputPath key(String key) {
        return append(new Segment(key, -1));
    }

    InputPath index(int index) {
        return append(new Segment(null, index));
    }

    private InputPath append(Segment segment) {
        List<Segment> longer = new ArrayList<>(segments);
        longer.add(segment);
        return new InputPath(List.copyOf(longer));
    }

    @Override
    public String toString() {
        var text = new StringBuilder();
        for (Segment s : segments) {
            if (s.isIndex()) {
                text.append('[').append(s.index()).append(']');
            } else {
                text.append(text.isEmpty() ? "" : ".").append(s.key());
            }
        }
        return text.toString();
    }
}
