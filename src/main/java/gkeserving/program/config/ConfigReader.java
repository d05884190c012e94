package gkeserving.program.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict, typed reading of one structured config object. Wrong types and unknown keys become
 * {@link Problems} (named by their dotted path) instead of exceptions, and a default stands in so
 * that reading can go on and every problem is found in one pass.
 */
public final class ConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private final ObjectNode node;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    private ConfigReader(String path, ObjectNode node, Problems problems) {
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    /** Reads the top-level key {@code key}; absent means "all defaults". */
    public static ConfigReader root(String key, Optional<String> rawJson, Problems problems) {
        if (rawJson.isEmpty() || rawJson.get().isBlank()) {
            return new ConfigReader(key, JsonNodeFactory.instance.objectNode(), problems);
        }
        try {
            JsonNode parsed = JSON.readTree(rawJson.get());
            if (parsed instanceof ObjectNode object) {
                return new ConfigReader(key, object, problems);
            }
            problems.add(key + " must be an object (a YAML mapping of settings), got: " + rawJson.get());
        } catch (java.io.IOException e) {
            problems.add(key + " must be an object (a YAML mapping of settings), got: " + rawJson.get());
        }
        return new ConfigReader(key, JsonNodeFactory.instance.objectNode(), problems);
    }

    public String path(String field) {
        return path + "." + field;
    }

    private Optional<JsonNode> value(String field) {
        known.add(field);
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    private void wrongType(String field, JsonNode v, String expected) {
        problems.add(path(field) + " (" + v + ") must be " + expected);
    }

    public Optional<String> optString(String field) {
        return value(field).flatMap(v -> {
            if (v.isTextual() && !v.asText().isBlank()) {
                return Optional.of(v.asText().trim());
            }
            wrongType(field, v, "a non-empty string");
            return Optional.empty();
        });
    }

    public String string(String field, String defaultValue) {
        return optString(field).orElse(defaultValue);
    }

    public Optional<Integer> optInteger(String field) {
        return value(field).flatMap(v -> whole(path(field), v, Integer.MIN_VALUE, Integer.MAX_VALUE).map(Long::intValue));
    }

    public int integer(String field, int defaultValue) {
        return optInteger(field).orElse(defaultValue);
    }

    public Optional<Double> optNumber(String field) {
        return value(field).flatMap(v -> {
            if (v.isNumber()) {
                return Optional.of(v.doubleValue());
            }
            wrongType(field, v, "a number");
            return Optional.empty();
        });
    }

    public boolean bool(String field, boolean defaultValue) {
        return value(field).map(v -> {
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            wrongType(field, v, "true or false");
            return defaultValue;
        }).orElse(defaultValue);
    }

    /** A boolean whose absence means something of its own (its default depends on other settings). */
    public Optional<Boolean> optBool(String field) {
        return value(field).flatMap(v -> {
            if (v.isBoolean()) {
                return Optional.of(v.booleanValue());
            }
            wrongType(field, v, "true or false");
            return Optional.empty();
        });
    }

    public List<String> strings(String field, List<String> defaultValue) {
        return value(field).map(v -> {
            if (!v.isArray()) {
                wrongType(field, v, "a list of strings");
                return defaultValue;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (item.isTextual() && !item.asText().isBlank()) {
                    out.add(item.asText().trim());
                } else {
                    problems.add(path(field) + "[" + i + "] (" + item + ") must be a non-empty string");
                }
            }
            return List.copyOf(out);
        }).orElse(defaultValue);
    }

    /** A list of whole numbers (64-bit, like TF Serving's versions); an empty list is refused, since it means nothing. */
    public Optional<List<Long>> optWholeNumbers(String field) {
        return value(field).flatMap(v -> {
            if (!v.isArray()) {
                wrongType(field, v, "a list of whole numbers");
                return Optional.empty();
            }
            if (v.isEmpty()) {
                problems.add(path(field) + " is an empty list: list at least one, or leave " + path(field) + " out");
                return Optional.empty();
            }
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                whole(path(field) + "[" + i + "]", v.get(i), Long.MIN_VALUE, Long.MAX_VALUE).ifPresent(out::add);
            }
            return Optional.of(List.copyOf(out));
        });
    }

    /** A map of names to whole numbers, e.g. version labels {@code {stable: 1, canary: 2}}. */
    public Map<String, Long> wholeNumberMap(String field) {
        return value(field).map(v -> {
            if (!v.isObject()) {
                wrongType(field, v, "a mapping of names to whole numbers");
                return Map.<String, Long>of();
            }
            Map<String, Long> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                var e = it.next();
                whole(path(field) + "." + e.getKey(), e.getValue(), Long.MIN_VALUE, Long.MAX_VALUE)
                        .ifPresent(n -> out.put(e.getKey(), n));
            }
            return Map.copyOf(out);
        }).orElse(Map.of());
    }

    /**
     * A whole number within {@code min..max}. JSON numbers have no size limit and Jackson's {@code intValue()}
     * and {@code longValue()} wrap silently (2^64 + 1 would become 1), so the range is checked on the exact
     * value, and named in the message. {@code 2.0} is whole: the pulumi CLI itself passes it as {@code 2}.
     */
    private Optional<Long> whole(String key, JsonNode v, long min, long max) {
        Optional<BigInteger> exact = exactWhole(v);
        if (exact.isEmpty()) {
            problems.add(key + " (" + v + ") must be a whole number");
            return Optional.empty();
        }
        if (exact.get().compareTo(BigInteger.valueOf(min)) < 0 || exact.get().compareTo(BigInteger.valueOf(max)) > 0) {
            problems.add(key + " (" + exact.get() + ") is out of range: it must be a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(exact.get().longValue());
    }

    private static Optional<BigInteger> exactWhole(JsonNode v) {
        if (v.isIntegralNumber()) {
            return Optional.of(v.bigIntegerValue());
        }
        if (v.isFloatingPointNumber() && Double.isFinite(v.doubleValue())) {
            BigDecimal number = v.decimalValue();
            if (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0) {
                return Optional.of(number.toBigIntegerExact());
            }
        }
        return Optional.empty();
    }

    /** One of a fixed set of words; the message lists what is allowed. */
    public <E extends Enum<E>> E choice(String field, E defaultValue, Class<E> type) {
        return optString(field).map(text -> {
            for (E e : type.getEnumConstants()) {
                if (e.toString().equals(text)) {
                    return e;
                }
            }
            List<String> allowed = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                allowed.add(e.toString());
            }
            problems.add(path(field) + " (" + text + ") must be one of " + String.join(", ", allowed));
            return defaultValue;
        }).orElse(defaultValue);
    }

    /** A nested settings object; absent means "all defaults". */
    public ConfigReader child(String field) {
        Optional<JsonNode> v = value(field);
        if (v.isPresent() && !(v.get() instanceof ObjectNode)) {
            wrongType(field, v.get(), "an object (a YAML mapping of settings)");
            return new ConfigReader(path(field), JsonNodeFactory.instance.objectNode(), problems);
        }
        return new ConfigReader(path(field),
                v.map(ObjectNode.class::cast).orElseGet(JsonNodeFactory.instance::objectNode), problems);
    }

    /** Reports keys that no reader asked for: a typo must not silently fall back to a default. */
    public void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>();
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                unknown.add(f);
            }
        });
        for (String f : unknown) {
            problems.add(path(f) + " is not a known setting" + Suggestions.nearest(f, known).map(s -> " (did you mean "
                    + path(s) + "?)").orElse("") + "; known settings of " + path + ": " + String.join(", ", known));
        }
    }
}
