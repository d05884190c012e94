package gkeserving.tools.render;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceOptions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The resource options that decide how the engine treats a change, shown so that a reviewer sees them next to
 * the inputs: what an update ignores or replaces, how a replacement and a delete go, how long the engine waits.
 *
 * @param dependsOn      logical names in the resource's own {@code dependsOn}, sorted
 * @param customTimeouts {@code create}/{@code update}/{@code delete} as ISO-8601 durations, only those set
 * @param protect        whether Pulumi refuses to delete it: its own option or a protected parent's
 */
public record RenderedOptions(List<String> ignoreChanges, List<String> replaceOnChanges, boolean deleteBeforeReplace,
                              boolean retainOnDelete, Map<String, String> customTimeouts, List<String> dependsOn,
                              boolean protect) {
    public RenderedOptions {
        ignoreChanges = List.copyOf(ignoreChanges);
        replaceOnChanges = List.copyOf(replaceOnChanges);
        customTimeouts = Map.copyOf(customTimeouts);
        dependsOn = List.copyOf(dependsOn);
    }

    /** Options of nothing special: what a resource gets when the program sets none. */
    public static RenderedOptions none() {
        return new RenderedOptions(List.of(), List.of(), false, false, Map.of(), List.of(), false);
    }

    static RenderedOptions of(ResourceOptions options, List<Resource> dependsOn, boolean protect) {
        boolean deleteBeforeReplace = options instanceof CustomResourceOptions custom && custom.getDeleteBeforeReplace();
        return new RenderedOptions(options.getIgnoreChanges(), options.getReplaceOnChanges(), deleteBeforeReplace,
                options.isRetainOnDelete(), timeouts(options.getCustomTimeouts()),
                dependsOn.stream().map(Resource::pulumiResourceName).distinct().sorted().toList(), protect);
    }

    /** As plan.json writes it: keys in this fixed order. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("protect", protect);
        map.put("dependsOn", dependsOn);
        map.put("ignoreChanges", ignoreChanges);
        map.put("replaceOnChanges", replaceOnChanges);
        map.put("deleteBeforeReplace", deleteBeforeReplace);
        map.put("retainOnDelete", retainOnDelete);
        map.put("customTimeouts", new TreeMap<>(customTimeouts));
        return map;
    }

    private static Map<String, String> timeouts(Optional<CustomTimeouts> timeouts) {
        Map<String, String> set = new LinkedHashMap<>();
        timeouts.ifPresent(t -> {
            t.getCreate().map(Duration::toString).ifPresent(d -> set.put("create", d));
            t.getUpdate().map(Duration::toString).ifPresent(d -> set.put("update", d));
            t.getDelete().map(Duration::toString).ifPresent(d -> set.put("delete", d));
        });
        return set;
    }
}
