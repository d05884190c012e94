package gkeserving.program.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compute Engine machine types by series and shape, so a misspelled type ({@code e2-standrd-4},
 * {@code n1-standard-5}) is refused before GKE refuses the node pool minutes into {@code pulumi up}.
 * Predefined types are {@code <series>-<class>-<vCPUs>}; the series whose vCPU counts are listed accept
 * exactly those, the newer ones (c3, c3d, c4, n4) any count, since their lists still grow. Custom types
 * ({@code n2-custom-8-32768}, N1's {@code custom-8-32768}) are accepted by shape.
 */
final class MachineTypes {
    private static final List<Integer> N2_COUNTS = List.of(2, 4, 8, 16, 32, 48, 64, 80, 96, 128);
    private static final List<Integer> C2D_COUNTS = List.of(2, 4, 8, 16, 32, 56, 112);
    private static final List<Integer> N2D_WIDE_COUNTS = List.of(2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224);
    private static final List<Integer> N1_COUNTS = List.of(2, 4, 8, 16, 32, 64, 96);
    /** Series → class → vCPU counts; an empty list means "any count" (see the class comment). */
    private static final Map<String, Map<String, List<Integer>>> PREDEFINED = new TreeMap<>(Map.ofEntries(
            Map.entry("e2", Map.of("standard", List.of(2, 4, 8, 16, 32), "highmem", List.of(2, 4, 8, 16),
                    "highcpu", List.of(2, 4, 8, 16, 32))),
            Map.entry("n1", Map.of("standard", List.of(1, 2, 4, 8, 16, 32, 64, 96), "highmem", N1_COUNTS,
                    "highcpu", N1_COUNTS)),
            Map.entry("n2", Map.of("standard", N2_COUNTS, "highmem", N2_COUNTS, "highcpu", N2_COUNTS.subList(0, 9))),
            Map.entry("n2d", Map.of("standard", N2D_WIDE_COUNTS, "highmem", N2D_WIDE_COUNTS.subList(0, 9),
                    "highcpu", N2D_WIDE_COUNTS)),
            Map.entry("c2", Map.of("standard", List.of(4, 8, 16, 30, 60))),
            Map.entry("c2d", Map.of("standard", C2D_COUNTS, "highmem", C2D_COUNTS, "highcpu", C2D_COUNTS)),
            Map.entry("t2d", Map.of("standard", List.of(1, 2, 4, 8, 16, 32, 48, 60))),
            Map.entry("g2", Map.of("standard", List.of(4, 8, 12, 16, 24, 32, 48, 96))),
            Map.entry("c3", Map.of("standard", List.of(), "highmem", List.of(), "highcpu", List.of())),
            Map.entry("c3d", Map.of("standard", List.of(), "highmem", List.of(), "highcpu", List.of())),
            Map.entry("c4", Map.of("standard", List.of(), "highmem", List.of(), "highcpu", List.of())),
            Map.entry("n4", Map.of("standard", List.of(), "highmem", List.of(), "highcpu", List.of()))));
    /** Shared-core types and the GPU types whose GPUs are part of the type (A2, A3). */
    private static final List<String> NAMED = List.of("e2-micro", "e2-small", "e2-medium", "f1-micro", "g1-small",
            "a2-highgpu-1g", "a2-highgpu-2g", "a2-highgpu-4g", "a2-highgpu-8g", "a2-megagpu-16g",
            "a2-ultragpu-1g", "a2-ultragpu-2g", "a2-ultragpu-4g", "a2-ultragpu-8g",
            "a3-highgpu-1g", "a3-highgpu-2g", "a3-highgpu-4g", "a3-highgpu-8g",
            "a3-megagpu-8g", "a3-edgegpu-8g", "a3-ultragpu-8g");
    private static final Pattern SHAPE = Pattern.compile("([a-z][a-z0-9]*)-([a-z]+)-([1-9][0-9]*)(-lssd)?");
    private static final Pattern CUSTOM = Pattern.compile("((e2|n1|n2|n2d|n4)-)?custom-([1-9][0-9]*)-([1-9][0-9]*)(-ext)?");

    private MachineTypes() {
    }

    static boolean isKnown(String type) {
        if (NAMED.contains(type) || CUSTOM.matcher(type).matches()) {
            return true;
        }
        Matcher m = SHAPE.matcher(type);
        if (!m.matches()) {
            return false;
        }
        List<Integer> counts = PREDEFINED.getOrDefault(m.group(1), Map.of()).get(m.group(2));
        boolean lssdAllowed = m.group(1).startsWith("c3") || m.group(1).equals("c4");
        return counts != null && (counts.isEmpty() || counts.contains(Integer.parseInt(m.group(3))))
                && (m.group(4) == null || lssdAllowed);
    }

    /** Adds a problem naming {@code key} unless {@code type} is a machine type; returns whether it is one. */
    static boolean check(String key, String type, Problems p) {
        if (isKnown(type)) {
            return true;
        }
        String series = type.contains("-") ? type.substring(0, type.indexOf('-')) : type;
        String offered = offered(series).map(list -> "; the " + series + " series offers " + list)
                .orElse("; series known here: " + String.join(", ", series()));
        p.add(key + " (" + type + ") is not a Compute Engine machine type" + Suggestions.didYouMean(type, exactNames())
                + offered);
        return false;
    }

    private static Optional<String> offered(String series) {
        List<String> shapes = new ArrayList<>();
        new TreeMap<>(PREDEFINED.getOrDefault(series, Map.of())).forEach((kind, counts) -> shapes.add(series + "-" + kind
                + "-" + (counts.isEmpty() ? "<vCPUs>" : counts.toString().replace(" ", "").replace('[', '{').replace(']', '}'))));
        NAMED.stream().filter(name -> name.startsWith(series + "-")).forEach(shapes::add);
        return shapes.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", shapes));
    }

    private static TreeSet<String> series() {
        TreeSet<String> all = new TreeSet<>(PREDEFINED.keySet());
        NAMED.forEach(name -> all.add(name.substring(0, name.indexOf('-'))));
        return all;
    }

    /** Every predefined name with a listed count, for "did you mean". */
    private static List<String> exactNames() {
        List<String> names = new ArrayList<>(NAMED);
        // Sorted maps, so that among equally near names the same one is suggested on every run.
        PREDEFINED.forEach((series, kinds) -> new TreeMap<>(kinds).forEach((kind, counts) ->
                counts.forEach(n -> names.add(series + "-" + kind + "-" + n))));
        return names;
    }
}
