package gkeserving.tools.render.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stable shape for values that came through the engine or a YAML file: maps with sorted string keys,
 * and whole numbers as integers. The engine hands every number over as a Double ({@code replicas: 2.0});
 * a manifest and a plan say {@code 2}, and the API server takes a whole {@code 2.0} for an integer field
 * but refuses {@code 2.5}, so the schema check sees the same integers the render writes.
 */
public final class CanonicalValues {
    private CanonicalValues() {
    }

    /** A copy of {@code value} with maps sorted by key and whole doubles/floats as Integer (Long when large). */
    public static Object of(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(of(item)));
            return copy;
        }
        if (value instanceof Double || value instanceof Float) {
            return wholeNumberOrSelf(((Number) value).doubleValue(), value);
        }
        return value;
    }

    public static Map<String, Object> map(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, item) -> sorted.put(String.valueOf(key), of(item)));
        return sorted;
    }

    private static Object wholeNumberOrSelf(double number, Object original) {
        if (Double.isInfinite(number) || number != Math.rint(number) || Math.abs(number) >= Long.MAX_VALUE) {
            return original;
        }
        long whole = (long) number;
        if (whole == (int) whole) {
            return (int) whole;
        }
        return whole;
    }
}
