package gkeserving.tools.pipeline;

import com.pulumi.automation.StackDeployment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The chain of dependent operations that decided an update's duration, from its timeline and the stack's
 * dependency graph.
 *
 * <p>Engine events carry no dependencies (pulumi's apitype.StepEventStateMetadata has none), so the graph comes
 * from the stack's state after the update: each resource's {@code dependencies}, its provider and its parent,
 * which is what the engine waited for. The chain starts at the operation that ended last and steps back, each
 * time to the latest-ending operation among the ones it waited for that ended before it started; resources the
 * update did not touch are passed through to what they wait for. Only provider-managed (custom) resources
 * count: a component's "operation" merely spans its children.
 */
final class CriticalPath {
    static final int LONGEST = 10;

    private CriticalPath() {
    }

    /** URN → the URNs it waits for: dependencies, provider (a reference is {@code <urn>::<id>}) and parent. */
    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> waitsFor(StackDeployment state) {
        Map<String, Set<String>> graph = new HashMap<>();
        Object resources = state.deployment() == null ? null : state.deployment().get("resources");
        if (!(resources instanceof List<?> list)) {
            return graph;
        }
        for (Object item : list) {
            Map<String, Object> resource = (Map<String, Object>) item;
            Set<String> waits = new LinkedHashSet<>();
            if (resource.get("dependencies") instanceof List<?> dependencies) {
                dependencies.forEach(d -> waits.add(String.valueOf(d)));
            }
            if (resource.get("provider") instanceof String provider && provider.contains("::")) {
                waits.add(provider.substring(0, provider.lastIndexOf("::")));
            }
            if (resource.get("parent") instanceof String parent && !parent.isEmpty()) {
                waits.add(parent);
            }
            graph.put(String.valueOf(resource.get("urn")), waits);
        }
        return graph;
    }

    /** The chain, first operation first; empty when no custom operation ended. */
    static List<TimedOperation> chain(List<TimedOperation> timeline, Map<String, Set<String>> waitsFor) {
        List<TimedOperation> ops = timeline.stream().filter(op -> op.custom() && op.ended()).toList();
        if (ops.isEmpty()) {
            return List.of();
        }
        Map<String, List<TimedOperation>> byUrn = new HashMap<>();
        ops.forEach(op -> byUrn.computeIfAbsent(op.urn(), k -> new ArrayList<>()).add(op));
        Comparator<TimedOperation> latestEnd = Comparator.comparingLong(TimedOperation::endSecond)
                .thenComparingLong(op -> op.durationSeconds());
        List<TimedOperation> chain = new ArrayList<>();
        Set<TimedOperation> seen = new HashSet<>();
        for (TimedOperation at = Collections.max(ops, latestEnd); at != null && seen.add(at); ) {
            chain.add(0, at);
            TimedOperation current = at;
            at = predecessors(current, waitsFor, byUrn).stream()
                    .filter(op -> !seen.contains(op) && op.endSecond() <= current.startSecond())
                    .max(latestEnd).orElse(null);
        }
        return chain;
    }

    /** Operations of what {@code op} waits for, through resources the update left alone; and its own earlier ones. */
    private static List<TimedOperation> predecessors(TimedOperation op, Map<String, Set<String>> waitsFor,
                                                     Map<String, List<TimedOperation>> byUrn) {
        List<TimedOperation> found = new ArrayList<>(byUrn.getOrDefault(op.urn(), List.of()));
        Set<String> visited = new HashSet<>(Set.of(op.urn()));
        Deque<String> todo = new ArrayDeque<>(waitsFor.getOrDefault(op.urn(), Set.of()));
        while (!todo.isEmpty()) {
            String urn = todo.pop();
            if (!visited.add(urn)) {
                continue;
            }
            if (byUrn.containsKey(urn)) {
                found.addAll(byUrn.get(urn));
            } else {
                todo.addAll(waitsFor.getOrDefault(urn, Set.of()));
            }
        }
        return found;
    }

    /** The longest custom operations, longest first (ties in the order they ended). */
    static List<TimedOperation> longest(List<TimedOperation> timeline, int count) {
        return timeline.stream().filter(op -> op.custom() && op.ended())
                .sorted(Comparator.comparingLong((TimedOperation op) -> op.durationSeconds()).reversed())
                .limit(count).toList();
    }

    /** Pure: the critical path with each operation's offset from the update's first start, then the longest ones. */
    static List<String> lines(List<TimedOperation> timeline, List<TimedOperation> chain, String unknownReason) {
        List<TimedOperation> ended = timeline.stream().filter(op -> op.custom() && op.ended()).toList();
        if (ended.isEmpty()) {
            return List.of();
        }
        long first = ended.stream().mapToLong(TimedOperation::startSecond).min().orElseThrow();
        long last = ended.stream().mapToLong(TimedOperation::endSecond).max().orElseThrow();
        List<String> lines = new ArrayList<>();
        if (chain.isEmpty()) {
            lines.add("Critical path: not known (" + unknownReason + ")");
        } else {
            long chainSpan = chain.get(chain.size() - 1).endSecond() - chain.get(0).startSecond();
            lines.add("Critical path (" + human(chainSpan) + " of the update's " + human(last - first)
                    + "; +offset from the first operation's start):");
            chain.forEach(op -> lines.add(row("+" + human(op.startSecond() - first), op)));
        }
        lines.add("Longest operations:");
        longest(timeline, LONGEST).forEach(op -> lines.add(row("", op)));
        return lines;
    }

    private static String row(String offset, TimedOperation op) {
        String operation = String.format(Locale.ROOT, "%7s  %s %s %s (%s)", human(op.durationSeconds()),
                ChangeSummary.symbol(ChangeSummary.op(op.op())), op.type(), op.name(), op.op());
        return offset.isEmpty() ? "  " + operation : String.format(Locale.ROOT, "  %-8s %s", offset, operation);
    }

    private static String human(long seconds) {
        return ProgressPrinter.seconds(seconds);
    }
}
