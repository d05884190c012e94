package gkeserving.program.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which accelerator attaches to which Compute Engine machine type, in which counts, and how it can
 * be partitioned. Mistakes here only surface as a failed node-pool creation minutes into
 * {@code pulumi up}, so they are checked before anything is registered.
 */
public final class GpuCatalog {
    private GpuCatalog() {
    }

    /** N1 takes attachable GPUs in these counts; the other families have the GPU built into the type. */
    private static final Map<String, List<Integer>> N1_ATTACHABLE = Map.of(
            "nvidia-tesla-t4", List.of(1, 2, 4),
            "nvidia-tesla-v100", List.of(1, 2, 4, 8),
            "nvidia-tesla-p4", List.of(1, 2, 4),
            "nvidia-tesla-p100", List.of(1, 2, 4));

    private static final Map<String, String> FAMILY_OF_BUILT_IN = Map.of(
            "nvidia-l4", "g2",
            "nvidia-tesla-a100", "a2",
            "nvidia-a100-80gb", "a2",
            "nvidia-h100-80gb", "a3");

    /** Compute capabilities from NVIDIA's table (https://developer.nvidia.com/cuda-gpus). */
    private static final Map<String, GpuFamily> FAMILIES = Map.of(
            "nvidia-tesla-p100", new GpuFamily("nvidia-tesla-p100", "Pascal", 6, 0),
            "nvidia-tesla-p4", new GpuFamily("nvidia-tesla-p4", "Pascal", 6, 1),
            "nvidia-tesla-v100", new GpuFamily("nvidia-tesla-v100", "Volta", 7, 0),
            "nvidia-tesla-t4", new GpuFamily("nvidia-tesla-t4", "Turing", 7, 5),
            "nvidia-tesla-a100", new GpuFamily("nvidia-tesla-a100", "Ampere", 8, 0),
            "nvidia-a100-80gb", new GpuFamily("nvidia-a100-80gb", "Ampere", 8, 0),
            "nvidia-l4", new GpuFamily("nvidia-l4", "Ada Lovelace", 8, 9),
            "nvidia-h100-80gb", new GpuFamily("nvidia-h100-80gb", "Hopper", 9, 0));

    private static final Map<String, Map<String, Integer>> MIG_PARTITIONS = Map.of(
            "nvidia-tesla-a100", Map.of("1g.5gb", 7, "2g.10gb", 3, "3g.20gb", 2, "7g.40gb", 1),
            "nvidia-a100-80gb", Map.of("1g.10gb", 7, "2g.20gb", 3, "3g.40gb", 2, "7g.80gb", 1),
            "nvidia-h100-80gb", Map.of("1g.10gb", 7, "1g.20gb", 4, "2g.20gb", 3, "3g.40gb", 2, "7g.80gb", 1));

    public static Set<String> accelerators() {
        var all = new java.util.TreeSet<>(N1_ATTACHABLE.keySet());
        all.addAll(FAMILY_OF_BUILT_IN.keySet());
        return all;
    }

    public static boolean known(String accelerator) {
        return N1_ATTACHABLE.containsKey(accelerator) || FAMILY_OF_BUILT_IN.containsKey(accelerator);
    }

    /** The machine family an accelerator needs: n1, g2, a2 or a3. */
    public static String requiredFamily(String accelerator) {
        return N1_ATTACHABLE.containsKey(accelerator) ? "n1" : FAMILY_OF_BUILT_IN.get(accelerator);
    }

    /** The GPU model's CUDA facts; only asked of an accelerator the settings accepted ({@link #known}). */
    public static GpuFamily family(String accelerator) {
        return FAMILIES.get(accelerator);
    }

    public static String familyOf(String machineType) {
        int dash = machineType.indexOf('-');
        return dash < 0 ? machineType : machineType.substring(0, dash);
    }

    /** Accelerator counts a machine type accepts, or empty when the type is unknown to this catalog ({@link MachineShapes}). */
    public static Optional<List<Integer>> allowedCounts(String machineType, String accelerator) {
        return MachineShapes.of(machineType).map(shape -> familyOf(machineType).equals("n1")
                ? N1_ATTACHABLE.getOrDefault(accelerator, List.of())
                : List.of(shape.gpus()));
    }

    /** A2 ultragpu carries the 80 GB A100; highgpu and megagpu the 40 GB one. */
    public static Optional<String> builtInAccelerator(String machineType) {
        if (machineType.startsWith("a2-ultragpu-")) {
            return Optional.of("nvidia-a100-80gb");
        }
        if (machineType.startsWith("a2-highgpu-") || machineType.startsWith("a2-megagpu-")) {
            return Optional.of("nvidia-tesla-a100");
        }
        if (machineType.startsWith("a3-highgpu-")) {
            return Optional.of("nvidia-h100-80gb");
        }
        return Optional.empty();
    }

    public static boolean supportsMig(String accelerator) {
        return MIG_PARTITIONS.containsKey(accelerator);
    }

    public static Set<String> migPartitionSizes(String accelerator) {
        return new java.util.TreeSet<>(MIG_PARTITIONS.getOrDefault(accelerator, Map.of()).keySet());
    }

    public static int migPartitionsPerGpu(String accelerator, String partitionSize) {
        return MIG_PARTITIONS.getOrDefault(accelerator, Map.of()).getOrDefault(partitionSize, 1);
    }
}
