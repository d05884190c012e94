package gkeserving.tools.render.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns whole-valued floating-point numbers into integers throughout a manifest.
 *
 * <p>Pulumi hands every number over as a {@code Double}, and YAML writes {@code 2.0}
 * for the same; the API server accepts a whole {@code 2.0} for an integer field but
 * rejects {@code 2.5}. Normalising first lets the strict mapper reject every float
 * given for an integer while still accepting these.
 */
final class IntegralNumbers {

    private IntegralNumbers() {
    }

    /** A copy of {@code value} with whole doubles/floats as Integer (or Long when large). */
    static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, normalize(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(normalize(item)));
            return copy;
        }
        if (value instanceof Double || value instanceof Float) {
            return wholeNumberOrSelf(((Number) value).doubleValue(), value);
        }
        return value;
    }

    private static Object wholeNumberOrSelf(double number, Object original) {
        boolean whole = !Double.isInfinite(number) && number == Math.rint(number);
        if (!whole || Math.abs(number) >= Long.MAX_VALUE) {
            return original;
        }
        long asLong = (long) number;
        return asLong == (int) asLong ? Integer.valueOf((int) asLong) : Long.valueOf(asLong);
    }
}
