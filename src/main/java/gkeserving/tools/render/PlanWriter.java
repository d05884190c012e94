package gkeserving.tools.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code <out>/plan.json}: the stack and every resource with its type, logical name, parent,
 * options (protect, dependsOn, ignoreChanges, replaceOnChanges, deleteBeforeReplace, retainOnDelete,
 * customTimeouts), inputs and dependencies. The entry fields keep that order; inputs are sorted by key.
 */
public final class PlanWriter {
    public static final String FILE = "plan.json";

    private static final DefaultIndenter NEWLINE_INDENT = new DefaultIndenter("  ", "\n");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(NEWLINE_INDENT)
            .withArrayIndenter(NEWLINE_INDENT);

    private PlanWriter() {
    }

    public static String json(Render render) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("stack", render.stack());
        plan.put("resources", render.resources().stream().map(PlanWriter::entry).toList());
        try {
            return JSON.writer(PRETTY).writeValueAsString(plan) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write plan.json: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> entry(RenderedResource resource) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", resource.type());
        entry.put("name", resource.name());
        entry.put("parent", resource.parent());
        entry.put("options", resource.options().asMap());
        entry.put("inputs", resource.inputs());
        entry.put("dependencies", List.copyOf(resource.dependencies()));
        return entry;
    }
}
