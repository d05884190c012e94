package gkeserving.program.cloud;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the provider's diff would report for one resource on the next update: the force-new paths whose
 * value in the state (what the API returned after create) differs from the new inputs. It follows the
 * Terraform SDK rules the bridge applies (docs/replace-on-change.md, "How to read the table"):
 * <ul>
 *   <li>a field left out of the inputs keeps its state value when it is Computed, and is otherwise a
 *       change to "unset";</li>
 *   <li>ForceNew on a block counts only the block's presence (its element count); a change inside a
 *       block forces a replacement only where the nested field is ForceNew itself (its own row);</li>
 *   <li>a map or a list of plain values compares whole.</li>
 * </ul>
 */
public final class ForceNewDiff {
    /** One replacement-forcing difference, as the engine would show it. */
    public record Change(String type, String name, String path, Object state, Object input) {
        @Override
        public String toString() {
            return type + " " + name + ": " + path + " would change from " + state + " to " + input
                    + " (forces replacement)";
        }
    }

    private ForceNewDiff() {
    }

    /**
     * @param ignoreChanges the resource's {@code ignoreChanges} option: a path under one of these is never diffed
     */
    public static List<Change> of(ReplaceOnChangeTable table, String type, String name, Map<String, Object> state,
                                  Map<String, Object> inputs, Collection<String> ignoreChanges) {
        List<Change> changes = new ArrayList<>();
        for (ReplaceOnChangeTable.Row row : table.forceNew(type)) {
            if (ignoreChanges.stream().anyMatch(ignored -> covers(ignored, row.path()))
                    || underOmittedComputedBlock(table, type, row.path(), inputs)) {
                continue;
            }
            List<Object> before = values(state, row.path());
            List<Object> after = values(inputs, row.path());
            for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
                Object s = i < before.size() ? before.get(i) : null;
                Object n = i < after.size() ? after.get(i) : row.fallback().orElse(null);
                if (differs(row, s, n)) {
                    changes.add(new Change(type, name, row.path(), s, n));
                    break;
                }
            }
        }
        return changes;
    }

    /** A computed block the inputs leave out keeps the API's whole block: none of its fields is diffed. */
    private static boolean underOmittedComputedBlock(ReplaceOnChangeTable table, String type, String path,
                                                     Map<String, Object> inputs) {
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            String block = path.substring(0, dot);
            if (table.computed(type, block) && values(inputs, block).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** {@code nodeConfig} covers {@code nodeConfig} and {@code nodeConfig.gcfsConfig}. */
    static boolean covers(String ignored, String path) {
        return path.equals(ignored) || path.startsWith(ignored + ".");
    }

    private static boolean differs(ReplaceOnChangeTable.Row row, Object state, Object input) {
        if (isEmpty(input)) {
            return !isEmpty(state) && !row.computed();
        }
        if (row.compare().equals("block")) {
            return isEmpty(state) || count(state) != count(input);
        }
        return !Objects.equals(normalised(row.compare(), state), normalised(row.compare(), input));
    }

    private static int count(Object block) {
        return block instanceof Collection<?> c ? c.size() : 1;
    }

    static Object normalised(String compare, Object value) {
        if (value instanceof List<?> list) {
            List<Object> items = list.stream().map(v -> normalised(compare, v)).toList();
            return compare.equals("set") ? counts(items) : items;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> normal = new HashMap<>();
            map.forEach((k, v) -> normal.put(k, normalised(compare, v)));
            return normal;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (value instanceof String s) {
            return switch (compare) {
                case "self-link" -> s.substring(s.lastIndexOf('/') + 1);
                case "case" -> s.toLowerCase();
                default -> s;
            };
        }
        return value;
    }

    private static Map<Object, Integer> counts(List<Object> items) {
        Map<Object, Integer> counts = new HashMap<>();
        items.forEach(item -> counts.merge(item, 1, Integer::sum));
        return counts;
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof Map<?, ?> m && m.isEmpty())
                || (value instanceof Collection<?> c && c.isEmpty());
    }

    /**
     * The values at a dot path, one per element of every list of blocks on the way
     * ({@code nodeConfig.guestAccelerators.count} gives one count per accelerator); empty when absent.
     */
    static List<Object> values(Map<String, Object> root, String path) {
        List<Object> current = List.of(root);
        for (String key : path.split("\\.")) {
            List<Object> next = new ArrayList<>();
            for (Object value : current) {
                for (Object element : value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map
                        ? list : List.of(value)) {
                    if (element instanceof Map<?, ?> map && map.get(key) != null) {
                        next.add(map.get(key));
                    }
                }
            }
            current = next;
        }
        return current;
    }
}
