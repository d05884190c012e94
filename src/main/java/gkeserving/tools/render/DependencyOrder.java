package gkeserving.tools.render;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Orders items so that each comes after everything it depends on; among items that are ready at the
 * same time the one constructed first goes first, so the order is stable from run to run.
 */
final class DependencyOrder {
    private DependencyOrder() {
    }

    /**
     * @param dependencies for each item (by construction index), the indexes it depends on
     * @return construction indexes in dependency order; items caught in a cycle (which Pulumi itself
     *         cannot build) follow in construction order rather than being dropped
     */
    static List<Integer> sort(List<Set<Integer>> dependencies) {
        int count = dependencies.size();
        int[] waitingOn = new int[count];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            for (int dependency : dependencies.get(i)) {
                if (dependency != i && dependency >= 0 && dependency < count) {
                    waitingOn[i]++;
                    dependents.get(dependency).add(i);
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < count; i++) {
            if (waitingOn[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(count);
        boolean[] placed = new boolean[count];
        while (!ready.isEmpty()) {
            int next = ready.poll();
            order.add(next);
            placed[next] = true;
            for (int dependent : dependents.get(next)) {
                if (--waitingOn[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            if (!placed[i]) {
                order.add(i);
            }
        }
        return order;
    }
}
