package gkeserving.tools.pipeline;

import com.pulumi.automation.OperationType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Pure text for operation names and change counts. */
final class ChangeSummary {
    private static final List<OperationType> ALWAYS_SHOWN = List.of(
            OperationType.CREATE, OperationType.UPDATE, OperationType.REPLACE, OperationType.DELETE, OperationType.SAME);

    /** The marker Pulumi's own display uses for an op, and the past tense progress lines use. */
    private record Shown(String symbol, String done) {
    }

    private static final Map<OperationType, Shown> SHOWN = Map.ofEntries(
            Map.entry(OperationType.CREATE, new Shown("+", "created")),
            Map.entry(OperationType.UPDATE, new Shown("~", "updated")),
            Map.entry(OperationType.DELETE, new Shown("-", "deleted")),
            Map.entry(OperationType.REPLACE, new Shown("+-", "replaced")),
            Map.entry(OperationType.CREATE_REPLACEMENT, new Shown("++", "created replacement")),
            Map.entry(OperationType.DELETE_REPLACED, new Shown("--", "deleted original")),
            Map.entry(OperationType.READ, new Shown(">", "read")),
            Map.entry(OperationType.READ_REPLACEMENT, new Shown(">", "read")),
            Map.entry(OperationType.REFRESH, new Shown("~", "refreshed")),
            Map.entry(OperationType.IMPORT, new Shown("=", "imported")),
            Map.entry(OperationType.IMPORT_REPLACEMENT, new Shown("=", "imported")));

    private ChangeSummary() {
    }

    /** The engine's spelling of an op: CREATE_REPLACEMENT → "create-replacement". */
    static String opName(OperationType op) {
        return op.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The op an engine spelling names: "create-replacement" → CREATE_REPLACEMENT; UNKNOWN for others. */
    static OperationType op(String name) {
        for (OperationType op : OperationType.values()) {
            if (opName(op).equals(name)) {
                return op;
            }
        }
        return OperationType.UNKNOWN;
    }

    /** "create 3, update 1, replace 0, delete 0, same 12", then any other op that occurred. */
    static String format(Map<OperationType, Integer> counts) {
        return asJson(counts).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The counts keyed by the engine's op names, in the order of {@link #format}, for the JSON report. */
    static Map<String, Integer> asJson(Map<OperationType, Integer> counts) {
        Map<String, Integer> json = new LinkedHashMap<>();
        ALWAYS_SHOWN.forEach(op -> json.put(opName(op), counts.getOrDefault(op, 0)));
        counts.forEach((op, n) -> {
            if (!ALWAYS_SHOWN.contains(op) && n != null && n > 0) {
                json.put(opName(op), n);
            }
        });
        return json;
    }

    /** Pure: the planned changes, one line per resource, then their counts. */
    static List<String> planLines(ChangePlan plan, Map<OperationType, Integer> counts) {
        List<String> lines = new ArrayList<>();
        // A replacement is announced as replace plus create-replacement/delete-replaced: show it once.
        plan.steps().stream()
                .filter(step -> step.changes() && step.op() != OperationType.CREATE_REPLACEMENT
                        && step.op() != OperationType.DELETE_REPLACED)
                .forEach(step -> lines.add("  " + symbol(step.op()) + " " + step.type() + " " + step.name()
                        + " (" + opName(step.op()) + (step.protect() ? ", protected" : "") + ")"));
        lines.add("Changes: " + format(counts));
        return lines;
    }

    /** The one-character markers Pulumi's own display uses; a blank for ops it does not mark. */
    static String symbol(OperationType op) {
        Shown shown = SHOWN.get(op);
        return shown == null ? " " : shown.symbol();
    }

    /** Past tense for progress lines: "created", "replaced", ...; the op's name for the others. */
    static String done(OperationType op) {
        Shown shown = SHOWN.get(op);
        return shown == null ? opName(op) : shown.done();
    }
}
