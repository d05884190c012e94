package gkeserving.program.cloud;

import gkeserving.program.ProgramRun;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import gkeserving.tools.render.ResourceCapture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The second {@code pulumi up}, offline: run the program, build the state the GCP API would hold after
 * creating what it registered ({@link GcpApiModel}), run the program again with the same config, and list
 * every input that forces a replacement ({@link ReplaceOnChangeTable}) and differs between that state and
 * the new inputs without being in the resource's {@code ignoreChanges}. An empty list means an update
 * with unchanged config replaces nothing.
 */
public final class SecondRunCheck {
    private final ReplaceOnChangeTable table;

    public SecondRunCheck(ReplaceOnChangeTable table) {
        this.table = table;
    }

    public List<ForceNewDiff.Change> replacements(String stack, Map<String, String> overrides) {
        return replacements(stack, overrides, Map.of());
    }

    /**
     * @param ignoreChangesOverride per resource name, an {@code ignoreChanges} list to use instead of the
     *                              program's (to show that the check catches what an ignore hides)
     */
    public List<ForceNewDiff.Change> replacements(String stack, Map<String, String> overrides,
                                                  Map<String, List<String>> ignoreChangesOverride) {
        List<Registration> created = ProgramRun.of(stack, overrides).assertSucceeded().registrations();
        var capture = new ResourceCapture();
        List<Registration> next = ProgramRun.of(stack, overrides, List.of(capture)).assertSucceeded().registrations();
        List<ForceNewDiff.Change> changes = new ArrayList<>();
        // GKE creates the pools in parallel: whichever it lists first, an update must replace nothing.
        for (String firstPool : GcpApiModel.nodePoolNames(created)) {
            changes.addAll(replacements(GcpApiModel.stateAfterCreate(created, firstPool), next,
                    ignoreChanges(capture), ignoreChangesOverride));
        }
        return changes.stream().distinct().toList();
    }

    private List<ForceNewDiff.Change> replacements(Map<String, Map<String, Object>> state, List<Registration> next,
                                                   Map<String, List<String>> ignores,
                                                   Map<String, List<String>> ignoreChangesOverride) {
        List<ForceNewDiff.Change> changes = new ArrayList<>();
        for (Registration r : next) {
            if (!table.types().contains(r.type())) {
                continue;
            }
            Map<String, Object> before = state.get(GcpApiModel.key(r));
            if (before == null) {
                throw new IllegalStateException(r.type() + " " + r.name() + " was not created by the first run");
            }
            List<String> ignored = ignoreChangesOverride.getOrDefault(r.name(),
                    ignores.getOrDefault(r.type() + "::" + r.name(), List.of()));
            changes.addAll(ForceNewDiff.of(table, r.type(), r.name(), before, r.inputs(), ignored));
        }
        return changes;
    }

    /** The {@code ignoreChanges} option of every resource, which the engine's view of the inputs does not carry. */
    private static Map<String, List<String>> ignoreChanges(ResourceCapture capture) {
        return capture.inConstructionOrder().stream().collect(Collectors.toMap(
                c -> c.type() + "::" + c.name(), c -> List.copyOf(c.options().getIgnoreChanges()), (a, b) -> a));
    }
}
