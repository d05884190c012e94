package gkeserving.tools.render.check;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A custom resource against its CRD's structural schema, as the API server prunes and validates it: an unknown
 * field is an error (as for built-in kinds, where the server would silently drop it), and so are a wrong type,
 * a missing required field and a value outside an enum. CEL rules ({@code x-kubernetes-validations}) are not run.
 */
final class OpenApiCheck {
    private final String source;
    private final List<SchemaProblem> problems = new ArrayList<>();

    private OpenApiCheck(String source) {
        this.source = source;
    }

    /** @param manifest canonical values (maps, lists, strings, whole numbers as integers) */
    static List<SchemaProblem> check(JsonNode schema, Map<String, Object> manifest, String source) {
        var check = new OpenApiCheck(source);
        for (Map.Entry<String, Object> e : manifest.entrySet()) {
            // metadata is ObjectMeta, checked by the server itself, not by the CRD's schema.
            if (!e.getKey().equals("metadata") && !e.getKey().equals("apiVersion") && !e.getKey().equals("kind")) {
                check.field(schema, e.getKey(), e.getValue(), "");
            }
        }
        check.required(schema, manifest, "");
        return check.problems;
    }

    private void value(JsonNode schema, Object value, String path) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            expect(value instanceof String || isWhole(value), value, path, "an integer or a string");
            return;
        }
        switch (schema.path("type").asText("")) {
            case "object" -> object(schema, value, path);
            case "array" -> {
                if (expect(value instanceof List<?>, value, path, "a list")) {
                    List<?> list = (List<?>) value;
                    for (int i = 0; i < list.size(); i++) {
                        value(schema.path("items"), list.get(i), path + "[" + i + "]");
                    }
                }
            }
            case "string" -> {
                if (expect(value instanceof String, value, path, "a string")) {
                    enumeration(schema, value, path);
                }
            }
            case "integer" -> expect(isWhole(value), value, path, "an integer");
            case "number" -> expect(value instanceof Number, value, path, "a number");
            case "boolean" -> expect(value instanceof Boolean, value, path, "true or false");
            default -> { } // untyped (preserve-unknown-fields): anything goes
        }
    }

    private void object(JsonNode schema, Object value, String path) {
        if (!expect(value instanceof Map<?, ?>, value, path, "an object")) {
            return;
        }
        Map<?, ?> map = (Map<?, ?>) value;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            field(schema, String.valueOf(e.getKey()), e.getValue(), path);
        }
        required(schema, map, path);
    }

    private void field(JsonNode schema, String key, Object value, String parent) {
        String path = parent.isEmpty() ? key : parent + "." + key;
        JsonNode property = schema.path("properties").get(key);
        JsonNode additional = schema.get("additionalProperties");
        if (property != null) {
            value(property, value, path);
        } else if (additional != null && additional.isObject()) {
            value(additional, value, path);
        } else if (!(additional != null && additional.asBoolean(false))
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            problems.add(new SchemaProblem(source, path, "unknown field; known here: " + names(schema.path("properties"))));
        }
    }

    private void required(JsonNode schema, Map<?, ?> map, String path) {
        for (JsonNode name : schema.path("required")) {
            if (!map.containsKey(name.asText())) {
                problems.add(new SchemaProblem(source, path.isEmpty() ? name.asText() : path + "." + name.asText(), "required"));
            }
        }
    }

    private void enumeration(JsonNode schema, Object value, String path) {
        JsonNode allowed = schema.get("enum");
        if (allowed == null) {
            return;
        }
        for (JsonNode option : allowed) {
            if (option.asText().equals(value)) {
                return;
            }
        }
        problems.add(new SchemaProblem(source, path, "(" + value + ") must be one of " + allowed));
    }

    private boolean expect(boolean ok, Object value, String path, String what) {
        if (!ok) {
            problems.add(new SchemaProblem(source, path, "must be " + what + ", got " + DecodeFailure.describeValue(value)));
        }
        return ok;
    }

    private static boolean isWhole(Object value) {
        return value instanceof Integer || value instanceof Long
                || value instanceof Number n && new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0;
    }

    private static String names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
