package gkeserving.tools.render;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The short text a render prints: resources counted by type, then the stack outputs as computed. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String text(Render render, int kubernetesFiles) {
        Map<String, Long> byType = render.resources().stream()
                .collect(Collectors.groupingBy(RenderedResource::type, TreeMap::new, Collectors.counting()));
        var out = new StringBuilder()
                .append("Stack ").append(render.stack()).append(": ")
                .append(render.resources().size()).append(" resources, ")
                .append(kubernetesFiles).append(" Kubernetes files\n\n");
        table(out, "RESOURCE TYPE", "COUNT", byType, String::valueOf);
        out.append('\n');
        Map<String, String> outputs = new TreeMap<>();
        render.outputs().forEach(o -> outputs.put(o.name(), oneLine(o.shown())));
        table(out, "OUTPUT", "VALUE", outputs, Function.identity());
        return out.toString();
    }

    private static <V> void table(StringBuilder out, String keyHeader, String valueHeader, Map<String, V> rows,
                                  Function<V, String> shown) {
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        width = Math.max(width, keyHeader.length());
        String format = "  %-" + width + "s  %s\n";
        out.append(String.format(Locale.ROOT, format, keyHeader, valueHeader));
        if (rows.isEmpty()) {
            out.append("  (none)\n");
        }
        rows.forEach((key, value) -> out.append(String.format(Locale.ROOT, format, key, shown.apply(value))));
    }

    /** A multi-line value (a kubeconfig) would break the table: its first line and how many follow. */
    static String oneLine(String value) {
        String[] lines = value.split("\n", -1);
        if (lines.length <= 1) {
            return value;
        }
        return lines[0] + " … (" + (lines.length - 1) + " more lines)";
    }
}
