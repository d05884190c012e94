package gkeserving.tools.pipeline;

import com.pulumi.automation.OperationType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Pure text for operation names and change counts. */
final class ChangeSummary {
    private static final List<OperationType> ALWAYS_SHOWN = List.of(
            OperationType.CREATE, OperationType.UPDATE, OperationType.REPLACE, OperationType.DELETE, OperationType.SAME);

    private ChangeSummary() {
    }

    /** The engine's spelling of an op: CREATE_REPLACEMENT → "create-replacement". */
    static String opName(OperationType op) {
        return op.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "create 3, update 1, replace 0, delete 0, same 12", then any other op that occurred. */
    static String format(Map<OperationType, Integer> counts) {
        List<String> parts = new ArrayList<>();
        ALWAYS_SHOWN.forEach(op -> parts.add(opName(op) + " " + counts.getOrDefault(op, 0)));
        counts.forEach((op, n) -> {
            if (!ALWAYS_SHOWN.contains(op) && n != null && n > 0) {
                parts.add(opName(op) + " " + n);
            }
        });
        return String.join(", ", parts);
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

    /** The one-character markers Pulumi's own display uses. */
    static String symbol(OperationType op) {
        return switch (op) {
            case CREATE -> "+";
            case UPDATE -> "~";
            case DELETE -> "-";
            case REPLACE -> "+-";
            case CREATE_REPLACEMENT -> "++";
            case DELETE_REPLACED -> "--";
            case READ, READ_REPLACEMENT -> ">";
            case REFRESH -> "~";
            case IMPORT, IMPORT_REPLACEMENT -> "=";
            default -> " ";
        };
    }

    /** Past tense for progress lines: "created", "replaced", ... */
    static String done(OperationType op) {
        return switch (op) {
            case CREATE -> "created";
            case UPDATE -> "updated";
            case DELETE -> "deleted";
            case REPLACE -> "replaced";
            case CREATE_REPLACEMENT -> "created replacement";
            case DELETE_REPLACED -> "deleted original";
            case READ, READ_REPLACEMENT -> "read";
            case REFRESH -> "refreshed";
            case IMPORT, IMPORT_REPLACEMENT -> "imported";
            default -> opName(op);
        };
    }
}
