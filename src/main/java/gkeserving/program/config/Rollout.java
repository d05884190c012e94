package gkeserving.program.config;

import java.util.Optional;

/**
 * How a serving rollout replaces pods. A surge pod needs a free GPU slot: when the pool at its maximum holds
 * no more than maxReplicas, a surge pod at full scale waits for one that never comes and the rollout stalls.
 * Then the rollout replaces one pod at a time instead, and says so.
 */
public enum Rollout {
    /** One extra pod first, none taken away before its replacement is ready: capacity never dips. */
    SURGE(1, 0),
    /** One pod taken away, then replaced: needs no spare GPU, capacity dips by one pod. */
    REPLACE(0, 1);

    public final int maxSurge;
    public final int maxUnavailable;

    Rollout(int maxSurge, int maxUnavailable) {
        this.maxSurge = maxSurge;
        this.maxUnavailable = maxUnavailable;
    }

    public static Rollout of(GpuPoolSettings gpuPool, ServingSettings serving) {
        return of(ReplicaCapacity.of(gpuPool, serving));
    }

    static Rollout of(ReplicaCapacity capacity) {
        return capacity.total() > capacity.serving().autoscaling().maxReplicas() ? SURGE : REPLACE;
    }

    /** Nothing to say for a surge rollout; for a replacing one, why it was chosen and what it costs. */
    static Optional<String> warning(ReplicaCapacity capacity) {
        if (of(capacity) == SURGE) {
            return Optional.empty();
        }
        var a = capacity.serving().autoscaling();
        String cost = a.minReplicas() < 2
                ? "with serving.autoscaling.minReplicas (" + a.minReplicas() + ") a rollout at one replica takes that pod down"
                        + " before its replacement is ready, so no replica serves for the length of a pod start (the"
                        + " PodDisruptionBudget does not apply to rollouts, and none exists for one replica)"
                : "serving runs one replica fewer while each pod is replaced";
        return Optional.of("serving rollout uses maxSurge 0, maxUnavailable 1: serving.autoscaling.maxReplicas ("
                + a.maxReplicas() + ") leaves no GPU for a surge pod, as gpuPool.maxNodes (" + capacity.gpuPool().maxNodes()
                + ") x " + capacity.perNode() + " per node holds at most " + capacity.total() + " replicas, so a surge"
                + " rollout at full scale would stall; " + cost + ". Raise gpuPool.maxNodes for a rollout that never dips.");
    }
}
