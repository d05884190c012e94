package gkeserving.program.config;

import gkeserving.program.config.GpuPoolSettings.DevicePlugin;

/**
 * What one GPU-pool node leaves for serving pods: the machine's vCPUs and memory, less what GKE reserves
 * (https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes#memory_and_cpu_reservations),
 * less the requests of the system pods every such node runs.
 */
public record NodeAllocatable(long cpuMillis, long memoryMiB) {

    /** GKE's CPU reservation: 6% of the first core, 1% of the next, 0.5% of the next 2, 0.25% above 4 cores. */
    private static final double[][] CPU_TIERS = {{1, 0.06}, {1, 0.01}, {2, 0.005}, {Double.MAX_VALUE, 0.0025}};
    /**
     * GKE's memory reservation on machines with at least 1 GiB: 25% of the first 4 GiB, 20% of the next 4,
     * 10% of the next 8, 6% of the next 112, 2% above 128 GiB; 255 MiB below 1 GiB.
     */
    private static final double[][] MEMORY_TIERS = {{4, 0.25}, {4, 0.20}, {8, 0.10}, {112, 0.06}, {Double.MAX_VALUE, 0.02}};
    /** The kubelet's hard eviction threshold, kept free on top of the reservation (same page). */
    static final long EVICTION_THRESHOLD_MIB = 100;
    /**
     * Image streaming, which both pools enable (gcfsConfig), reserves memory for its daemon on top: 10% of the
     * first 4 GiB, 8% of the next 4, 4% of the next 8, 2.4% of the next 112, 0.8% above 128 GiB
     * (https://cloud.google.com/kubernetes-engine/docs/how-to/image-streaming#memory_reservation_for, as quoted by
     * hatemosphere/gke-node-allocatable-memory-calculator). Counting it errs on the safe side.
     */
    private static final double[][] IMAGE_STREAMING_TIERS = {{4, 0.10}, {4, 0.08}, {8, 0.04}, {112, 0.024}, {Double.MAX_VALUE, 0.008}};

    /**
     * An allowance, not a measurement, for GKE's own per-node pods (kube-proxy, fluentbit-gke, gke-metrics-agent,
     * gke-metadata-server for Workload Identity, pdcsi-node, netd; in gke mode also GKE's device plugin): together
     * they request a few hundred millicores and MiB, rounded up here. {@code kubectl describe node} shows the sum.
     */
    static final NodeAllocatable GKE_SYSTEM_PODS = new NodeAllocatable(500, 768);
    /** Google's driver installer (both init containers request 150m CPU, DriverInstallerDaemonSet); nvidia mode only. */
    static final NodeAllocatable DRIVER_INSTALLER = new NodeAllocatable(150, 0);
    /**
     * The GPU Operator's per-node pods: its operands declare no requests (chart v26.7.0 values.yaml, resources: {}),
     * the node-feature-discovery worker requests 5m CPU and 64Mi (its chart's defaults). nvidia mode only.
     */
    static final NodeAllocatable GPU_OPERATOR_PODS = new NodeAllocatable(5, 64);

    private static final double MIB_PER_GIB = 1024;

    /** What serving pods can request on one node of this shape. */
    public static NodeAllocatable forServing(MachineShapes.Shape shape, DevicePlugin plugin) {
        long cpu = shape.vCpus() * 1000L - (long) Math.ceil(tiered(shape.vCpus(), CPU_TIERS) * 1000);
        long memory = shape.memoryMiB() - reservedMemoryMiB(shape.memoryMiB());
        NodeAllocatable left = new NodeAllocatable(cpu, memory).minus(GKE_SYSTEM_PODS);
        return plugin == DevicePlugin.NVIDIA ? left.minus(DRIVER_INSTALLER).minus(GPU_OPERATOR_PODS) : left;
    }

    /** GKE's reservation, the eviction threshold and image streaming's share, rounded up to whole MiB. */
    static long reservedMemoryMiB(long memoryMiB) {
        double gib = memoryMiB / MIB_PER_GIB;
        double kubeReserved = gib < 1 ? 255 / MIB_PER_GIB : tiered(gib, MEMORY_TIERS);
        double streaming = gib < 1 ? 0 : tiered(gib, IMAGE_STREAMING_TIERS);
        return (long) Math.ceil((kubeReserved + streaming) * MIB_PER_GIB) + EVICTION_THRESHOLD_MIB;
    }

    /** Google's brackets: each rate applies to the slice of the amount within its bracket. */
    private static double tiered(double amount, double[][] tiers) {
        double total = 0;
        double left = amount;
        for (double[] tier : tiers) {
            double slice = Math.min(left, tier[0]);
            total += slice * tier[1];
            left -= slice;
        }
        return total;
    }

    private NodeAllocatable minus(NodeAllocatable other) {
        return new NodeAllocatable(cpuMillis - other.cpuMillis, memoryMiB - other.memoryMiB);
    }
}
