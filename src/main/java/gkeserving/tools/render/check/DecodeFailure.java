package gkeserving.tools.render.check;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import gkeserving.tools.render.tree.FieldPath;
import io.fabric8.kubernetes.api.model.IntOrString;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns a Jackson decoding exception into one readable sentence, such as
 * {@code spec.replicas: expected an integer, got string "two"}, instead of Jackson's
 * multi-line text that names Java classes.
 */
final class DecodeFailure {

    private static final Object MISSING = new Object();

    private DecodeFailure() {
    }

    /**
     * @param failure what Jackson threw
     * @param raw     the manifest as it was decoded, to quote the offending value
     */
    static SchemaProblem describe(JsonMappingException failure, Object raw, String source) {
        List<JsonMappingException.Reference> references = failure.getPath();
        String path = pathOf(references).toString();
        Object offending = valueAt(raw, references);
        Class<?> expected = expectedType(failure);
        if (expected != null && offending != MISSING) {
            return new SchemaProblem(source, path,
                    "expected " + describeType(expected) + ", got " + describeValue(offending));
        }
        return new SchemaProblem(source, path, firstLine(failure.getOriginalMessage()));
    }

    private static FieldPath pathOf(List<JsonMappingException.Reference> references) {
        FieldPath path = FieldPath.ROOT;
        for (JsonMappingException.Reference reference : references) {
            path = reference.getFieldName() != null
                    ? path.field(reference.getFieldName())
                    : path.index(reference.getIndex());
        }
        return path;
    }

    private static Object valueAt(Object raw, List<JsonMappingException.Reference> references) {
        Object current = raw;
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null && current instanceof Map<?, ?> map
                    && map.containsKey(reference.getFieldName())) {
                current = map.get(reference.getFieldName());
            } else if (reference.getFieldName() == null && current instanceof List<?> list
                    && reference.getIndex() >= 0 && reference.getIndex() < list.size()) {
                current = list.get(reference.getIndex());
            } else {
                return MISSING;
            }
        }
        return current;
    }

    /** What a field of this Java type accepts, in manifest terms. */
    static String describeType(Class<?> type) {
        if (type == IntOrString.class) {
            return "an integer or a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a map";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    /** The type Jackson was building when it failed, if the exception says. */
    private static Class<?> expectedType(JsonMappingException failure) {
        if (failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return mismatch.getTargetType();
        }
        // IntOrString's constructor itself rejects what is neither an integer nor a string.
        if (failure instanceof ValueInstantiationException instantiation && instantiation.getType() != null) {
            return instantiation.getType().getRawClass();
        }
        return null;
    }

    /** A value as found in the manifest, with its YAML type, e.g. {@code string "2"}. */
    static String describeValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "string \"" + text + "\"";
        }
        if (value instanceof Number number) {
            return "number " + number;
        }
        if (value instanceof Boolean bool) {
            return "boolean " + bool;
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return value.getClass().getSimpleName();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "cannot be decoded";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
