package gkeserving.tools.render;

import gkeserving.tools.render.tree.FieldPath;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces secret values in a resource's inputs with {@value #MASK}, so that neither plan.json nor a
 * manifest ever carries a secret to disk. The mock engine sees secrets unwrapped; the args' Outputs
 * say which ones they were. A secret map or list keeps its shape (keys, length) and has every value
 * masked, so a masked manifest still has the shape its schema asks for.
 */
final class SecretMask {
    static final String MASK = "[secret]";

    private SecretMask() {
    }

    /** A copy of {@code inputs} with the value at each path that exists replaced by the mask. */
    static Map<String, Object> apply(Map<String, Object> inputs, List<FieldPath> secretPaths) {
        Object masked = inputs;
        for (FieldPath path : secretPaths) {
            masked = replace(masked, path.segments(), 0);
        }
        @SuppressWarnings("unchecked") // replace keeps a map a map
        Map<String, Object> result = (Map<String, Object>) masked;
        return result;
    }

    static Object masked(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, masked(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SecretMask::masked).toList();
        }
        return MASK;
    }

    private static Object replace(Object value, List<FieldPath.Segment> segments, int depth) {
        if (depth == segments.size()) {
            return masked(value);
        }
        FieldPath.Segment segment = segments.get(depth);
        if (!segment.isIndex() && value instanceof Map<?, ?> map && map.containsKey(segment.name())) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            copy.put(segment.name(), replace(map.get(segment.name()), segments, depth + 1));
            return copy;
        }
        if (segment.isIndex() && value instanceof List<?> list && segment.index() < list.size()) {
            List<Object> copy = new ArrayList<>(list);
            copy.set(segment.index(), replace(list.get(segment.index()), segments, depth + 1));
            return copy;
        }
        return value; // absent from what the engine received: nothing to hide
    }
}
