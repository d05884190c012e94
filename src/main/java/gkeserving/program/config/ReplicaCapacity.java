package gkeserving.program.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many serving replicas the GPU pool holds at its maximum size. A node takes as many as its GPU slots,
 * its allocatable CPU and its allocatable memory each allow ({@link NodeAllocatable}); pods cannot span nodes.
 * Only built from settings whose machine type, quantities and gpusPerReplica are valid.
 *
 * @param byGpu    GPU slots (acceleratorCount x sharing) / gpusPerReplica
 * @param byCpu    allocatable CPU / cpuRequest
 * @param byMemory allocatable memory / memoryRequest
 */
public record ReplicaCapacity(GpuPoolSettings gpuPool, ServingSettings serving, NodeAllocatable node,
                              int byGpu, int byCpu, int byMemory) {

    public static ReplicaCapacity of(GpuPoolSettings gpuPool, ServingSettings serving) {
        var shape = MachineShapes.of(gpuPool.machineType()).orElseThrow(() ->
                new IllegalStateException("no shape for validated machine type " + gpuPool.machineType()));
        var node = NodeAllocatable.forServing(shape, gpuPool.devicePlugin());
        var r = serving.resources();
        return new ReplicaCapacity(gpuPool, serving, node,
                gpuPool.schedulableGpusPerNode() / serving.gpusPerReplica(),
                fits(node.cpuMillis(), quantity(r.cpuRequest()).movePointRight(3)),
                fits(node.memoryMiB(), quantity(r.memoryRequest()).divide(BigDecimal.valueOf(1024L * 1024))));
    }

    public int perNode() {
        return Math.min(byGpu, Math.min(byCpu, byMemory));
    }

    /** Replicas the pool holds at gpuPool.maxNodes. */
    public int total() {
        return perNode() * gpuPool.maxNodes();
    }

    /** The requests that leave no room for even one replica on a node, as their keys and values; empty when one fits. */
    List<String> requestsThatDoNotFit() {
        var keys = new ArrayList<String>();
        if (byCpu == 0) {
            keys.add("serving.resources.cpuRequest (" + serving.resources().cpuRequest() + ")");
        }
        if (byMemory == 0) {
            keys.add("serving.resources.memoryRequest (" + serving.resources().memoryRequest() + ")");
        }
        return keys;
    }

    /** Why a node holds {@link #perNode()} replicas, with every number that limits it. */
    String perNodeReason() {
        var r = serving.resources();
        return "one " + gpuPool.machineType() + " node holds " + perNode() + ": "
                + byGpu + " by GPU (" + gpuPool.schedulableGpusPerNode() + " schedulable nvidia.com/gpu / serving.gpusPerReplica "
                + serving.gpusPerReplica() + "), "
                + (byCpu == Integer.MAX_VALUE ? "any number" : byCpu) + " by CPU (" + cpu() + " allocatable / serving.resources.cpuRequest "
                + r.cpuRequest() + "), "
                + (byMemory == Integer.MAX_VALUE ? "any number" : byMemory) + " by memory (" + memory()
                + " allocatable / serving.resources.memoryRequest " + r.memoryRequest() + ")";
    }

    /** What a node leaves for serving pods, for messages. */
    String allocatable() {
        return cpu() + " CPU and " + memory() + " memory allocatable after GKE's reservations and the system pods";
    }

    private String cpu() {
        return String.format(Locale.ROOT, "%.2f", node.cpuMillis() / 1000.0);
    }

    private String memory() {
        return String.format(Locale.ROOT, "%.1fGi", node.memoryMiB() / 1024.0);
    }

    private static BigDecimal quantity(String text) {
        return Quantity.parse(text).orElseThrow(() -> new IllegalStateException("unvalidated quantity " + text));
    }

    /** Whole requests within what is left; a zero request is never the limit. */
    private static int fits(long available, BigDecimal request) {
        if (request.signum() == 0) {
            return Integer.MAX_VALUE;
        }
        long n = BigDecimal.valueOf(Math.max(0, available)).divide(request, 0, RoundingMode.FLOOR).longValue();
        return (int) Math.min(n, Integer.MAX_VALUE);
    }
}
