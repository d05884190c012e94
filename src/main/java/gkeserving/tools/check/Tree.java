package gkeserving.tools.check;

import java.util.List;
import java.util.Map;

/** Reads rendered inputs (maps and lists as the engine receives them) by dotted path. */
final class Tree {
    private Tree() {
    }

    /** The value at {@code path} ({@code a.b.c}), or null when any step is missing. */
    static Object at(Object root, String path) {
        Object node = root;
        for (String step : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(step);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String path) {
        return at(root, path) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String path) {
        return at(root, path) instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String text(Object root, String path) {
        Object value = at(root, path);
        return value == null ? null : String.valueOf(value);
    }

    static boolean isTrue(Object root, String path) {
        return Boolean.TRUE.equals(at(root, path));
    }
}
