package gkeserving.tools.render;

import gkeserving.program.ResourceTypes;
import gkeserving.tools.render.TypicalDurations.Estimate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The chain of dependent creates expected to decide how long a first {@code pulumi up} of the stack takes: the
 * longest path through the render's dependency graph, weighted with {@link TypicalDurations} (upper values).
 * A dependency on a component stands for everything under it, as the engine treats it; a component itself
 * takes no time. Offline and approximate by nature: the pipeline prints the measured chain after a real update.
 */
final class ExpectedChain {
    /** One create on the chain and when it is expected to end, counted from the start of the update. */
    record Link(RenderedResource resource, Estimate estimate, Duration endLow, Duration endHigh) {
    }

    private ExpectedChain() {
    }

    /** Name → the names it waits for, a component replaced by its descendants. */
    static Map<String, Set<String>> waits(Render render) {
        Map<String, List<String>> children = new HashMap<>();
        render.resources().forEach(r -> {
            if (r.parent() != null) {
                children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r.name());
            }
        });
        Map<String, Set<String>> waits = new LinkedHashMap<>();
        for (RenderedResource r : render.resources()) {
            Set<String> expanded = new LinkedHashSet<>();
            for (String dependency : r.dependencies()) {
                if (children.containsKey(dependency)) {
                    Deque<String> todo = new ArrayDeque<>(children.get(dependency));
                    while (!todo.isEmpty()) {
                        String next = todo.pop();
                        expanded.add(next);
                        todo.addAll(children.getOrDefault(next, List.of()));
                    }
                } else {
                    expanded.add(dependency);
                }
            }
            waits.put(r.name(), expanded);
        }
        return waits;
    }

    /** The chain, first create first. */
    static List<Link> of(Render render) {
        Map<String, Set<String>> waits = waits(render);
        Set<String> parents = new LinkedHashSet<>();
        render.resources().forEach(r -> parents.add(r.parent()));
        boolean gpuPoolsStartEmpty = gpuPoolsStartEmpty(render);
        Map<String, Link> best = new HashMap<>();
        Map<String, String> previous = new HashMap<>();
        Link last = null;
        // Resources come in dependency order (components expanded), so whatever one waits for is done before it.
        for (RenderedResource r : render.resources()) {
            Estimate estimate = parents.contains(r.name()) ? TypicalDurations.NONE
                    : r.type().equals(ResourceTypes.DEPLOYMENT)
                    ? TypicalDurations.deployment(requestsGpus(r), gpuPoolsStartEmpty) : TypicalDurations.of(r.type());
            Link before = null;
            for (String waited : waits.get(r.name())) {
                Link candidate = best.get(waited);
                if (candidate != null && (before == null || candidate.endHigh().compareTo(before.endHigh()) > 0)) {
                    before = candidate;
                }
            }
            Duration startLow = before == null ? Duration.ZERO : before.endLow();
            Duration startHigh = before == null ? Duration.ZERO : before.endHigh();
            Link link = new Link(r, estimate, startLow.plus(estimate.low()), startHigh.plus(estimate.high()));
            best.put(r.name(), link);
            if (before != null) {
                previous.put(r.name(), before.resource().name());
            }
            if (last == null || link.endHigh().compareTo(last.endHigh()) >= 0) {
                last = link;
            }
        }
        List<Link> chain = new ArrayList<>();
        for (Link at = last; at != null; at = best.get(previous.get(at.resource().name()))) {
            chain.add(0, at);
        }
        return chain;
    }

    /** Pure: the console text of the chain, its total and the long creates beside it. */
    static String text(Render render) {
        List<Link> chain = of(render);
        if (chain.isEmpty()) {
            return "";
        }
        int typeWidth = chain.stream().mapToInt(l -> l.resource().type().length()).max().orElse(0);
        int nameWidth = chain.stream().mapToInt(l -> l.resource().name().length()).max().orElse(0);
        String format = "  %-" + typeWidth + "s  %-" + nameWidth + "s  %s%s\n";
        var out = new StringBuilder("Expected chain of a first `up` (typical durations: estimates, not measurements):\n");
        for (Link link : chain) {
            boolean waitsForGpuNode = link.resource().type().equals(ResourceTypes.DEPLOYMENT)
                    && !link.estimate().equals(TypicalDurations.of(ResourceTypes.DEPLOYMENT));
            String gpuNode = waitsForGpuNode
                    ? " (with a GPU node from zero: " + TypicalDurations.GPU_NODE_FROM_ZERO.text() + ")" : "";
            out.append(String.format(Locale.ROOT, format, link.resource().type(), link.resource().name(),
                    link.estimate().text(), gpuNode));
        }
        Link end = chain.get(chain.size() - 1);
        out.append("  about ").append(wholeMinutes(end.endLow(), false)).append('-')
                .append(wholeMinutes(end.endHigh(), true)).append(" in all\n");
        Set<String> onChain = new LinkedHashSet<>();
        chain.forEach(l -> onChain.add(l.resource().name()));
        List<String> beside = render.resources().stream()
                .filter(r -> !onChain.contains(r.name()))
                .filter(r -> TypicalDurations.of(r.type()).high().compareTo(Duration.ofMinutes(1)) >= 0)
                .map(r -> r.type() + " " + r.name() + " " + TypicalDurations.of(r.type()).text())
                .toList();
        if (!beside.isEmpty()) {
            out.append("  beside it, in parallel: ").append(String.join(", ", beside)).append('\n');
        }
        return out.toString();
    }

    /** A sum of estimates claims no second's precision: minutes, rounded outwards. */
    private static String wholeMinutes(Duration duration, boolean up) {
        long minutes = up ? (duration.toSeconds() + 59) / 60 : duration.toMinutes();
        return duration.compareTo(Duration.ofMinutes(1)) < 0 ? TypicalDurations.human(duration) : minutes + "m";
    }

    /** Whether a Deployment's containers ask for GPUs. */
    @SuppressWarnings("unchecked")
    private static boolean requestsGpus(RenderedResource deployment) {
        Object containers = at(deployment.inputs(), "spec", "template", "spec", "containers");
        return containers instanceof List<?> list && list.stream().anyMatch(c -> c instanceof Map<?, ?> container
                && at((Map<String, Object>) container, "resources", "limits") instanceof Map<?, ?> limits
                && limits.containsKey("nvidia.com/gpu"));
    }

    /** Whether the stack has GPU node pools and every one of them is created without a node. */
    private static boolean gpuPoolsStartEmpty(Render render) {
        List<RenderedResource> gpuPools = render.resources().stream()
                .filter(r -> r.type().equals(ResourceTypes.NODE_POOL))
                .filter(r -> at(r.inputs(), "nodeConfig", "guestAccelerators") instanceof List<?> list && !list.isEmpty())
                .toList();
        return !gpuPools.isEmpty() && gpuPools.stream()
                .allMatch(pool -> at(pool.inputs(), "initialNodeCount") instanceof Number n && n.intValue() == 0);
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> map, String... path) {
        Object at = map;
        for (String key : path) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = ((Map<String, Object>) m).get(key);
        }
        return at;
    }
}
