package gkeserving.program.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The committed table of how the GCP provider treats the fields we set: which paths force a replacement
 * and which the API fills in when the program leaves them out. It is read from {@code docs/replace-on-change.md},
 * the reviewed document that names the terraform-provider-google tag and file behind each row, so the
 * document and the check cannot drift apart.
 */
public record ReplaceOnChangeTable(Map<String, List<Row>> byType) {
    public static final Path DOCUMENT = Path.of("docs/replace-on-change.md");

    /**
     * @param path    Pulumi property path, dot-separated, without list indexes ({@code nodeConfig.gcfsConfig})
     * @param compare how the provider compares values at this path: "" (as sent), "set" (order-insensitive),
     *                "self-link" (a name equals the self link that ends in it), "case" (case-insensitive),
     *                "block" (presence or element count only)
     * @param fallback the provider's schema default, taken when the inputs leave the field out; empty if none
     */
    public record Row(String type, String path, boolean forceNew, boolean computed, String compare,
                      Optional<Object> fallback, String source) {
    }

    public static ReplaceOnChangeTable load() {
        try {
            return parse(Files.readAllLines(DOCUMENT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows are the Markdown table lines whose first cell is a resource type token. */
    static ReplaceOnChangeTable parse(List<String> lines) {
        Map<String, List<Row>> byType = new LinkedHashMap<>();
        for (String line : lines) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("|")) {
                continue;
            }
            String[] cells = trimmed.substring(1, trimmed.length() - (trimmed.endsWith("|") ? 1 : 0)).split("\\|", -1);
            String type = unquote(cells[0]);
            if (cells.length != 7 || !type.matches("[a-z]+:[A-Za-z0-9/]+:[A-Za-z]+")) {
                continue;
            }
            var row = new Row(type, unquote(cells[1]), yes(cells[2]), yes(cells[3]), unquote(cells[4]),
                    fallback(unquote(cells[5])), cells[6].trim());
            if (row.source().isEmpty()) {
                throw new IllegalStateException(DOCUMENT + ": row " + type + " " + row.path() + " names no source");
            }
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(row);
        }
        return new ReplaceOnChangeTable(byType);
    }

    public Set<String> types() {
        return byType.keySet();
    }

    public List<Row> forceNew(String type) {
        return byType.getOrDefault(type, List.of()).stream().filter(Row::forceNew).toList();
    }

    public Optional<Row> row(String type, String path) {
        return byType.getOrDefault(type, List.of()).stream().filter(r -> r.path().equals(path)).findFirst();
    }

    /** Left out of the inputs, the field keeps what the API filled in: no diff. */
    public boolean computed(String type, String path) {
        return row(type, path).map(Row::computed).orElse(false);
    }

    public String compare(String type, String path) {
        return row(type, path).map(Row::compare).orElse("");
    }

    /** Booleans and numbers as the engine sends them; anything else is a string. */
    private static Optional<Object> fallback(String cell) {
        if (cell.isEmpty()) {
            return Optional.empty();
        }
        if (cell.equals("true") || cell.equals("false")) {
            return Optional.of(Boolean.parseBoolean(cell));
        }
        return Optional.of(cell.matches("-?\\d+") ? (Object) Double.valueOf(cell) : cell);
    }

    private static boolean yes(String cell) {
        return unquote(cell).equals("yes");
    }

    private static String unquote(String cell) {
        return cell.trim().replace("`", "");
    }
}
