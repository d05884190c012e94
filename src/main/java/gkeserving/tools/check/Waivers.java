package gkeserving.tools.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the stack's waivers: {@code policy:waivers}, a list of {@code {rule, resource, reason}}. The key is
 * the check's, in its own namespace: the program never reads it. A waiver without a reason, naming an unknown
 * rule, or with another field is refused as a whole ({@link InvalidWaiversException}): bad usage.
 */
public final class Waivers {
    public static final String KEY = "policy:waivers";
    private static final Set<String> FIELDS = Set.of("rule", "resource", "reason");

    /** One or more malformed waivers; the message lists each. */
    public static final class InvalidWaiversException extends RuntimeException {
        InvalidWaiversException(String message) {
            super(message);
        }
    }

    private Waivers() {
    }

    /** @param config the stack's config as the CLI hands it over (objects and lists as JSON text) */
    public static List<Waiver> from(Map<String, String> config) {
        String text = config.get(KEY);
        if (text == null) {
            return List.of();
        }
        JsonNode list;
        try {
            list = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            list = null;
        }
        if (list == null || !list.isArray()) {
            throw new InvalidWaiversException(KEY + " must be a list of {rule, resource, reason}");
        }
        List<String> problems = new ArrayList<>();
        List<Waiver> waivers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String at = KEY + "[" + i + "]";
            if (!item.isObject()) {
                problems.add(at + " must be an object {rule, resource, reason}");
                continue;
            }
            for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    problems.add(at + "." + name + " is not a waiver field (allowed: rule, resource, reason)");
                }
            }
            String rule = text(item, "rule");
            String resource = text(item, "resource");
            String reason = text(item, "reason");
            if (rule.isEmpty()) {
                problems.add(at + ".rule is missing: name the rule to waive");
            } else if (PolicyRules.byId(rule).isEmpty()) {
                problems.add(at + ".rule (" + rule + ") is not a policy rule; rules: "
                        + String.join(", ", PolicyRules.all().stream().map(Rule::id).toList()));
            }
            if (resource.isEmpty()) {
                problems.add(at + ".resource is missing: name the resource as in plan.json");
            }
            if (reason.isEmpty()) {
                problems.add(at + ".reason is missing: a waiver needs a written reason");
            }
            waivers.add(new Waiver(rule, resource, reason));
        }
        if (!problems.isEmpty()) {
            throw new InvalidWaiversException("invalid " + KEY + " (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        }
        return List.copyOf(waivers);
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || !value.isTextual() ? "" : value.asText().strip();
    }
}
