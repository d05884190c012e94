package gkeserving.program.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * vCPUs, memory and built-in GPUs of the Compute Engine machine types a GPU pool may use, from Google's
 * machine-type pages: https://cloud.google.com/compute/docs/accelerator-optimized-machines (G2, A2, A3) and
 * https://cloud.google.com/compute/docs/general-purpose-machines#n1_machines (N1: 3.75 GB per vCPU standard,
 * 6.5 GB highmem, 0.9 GB highcpu). The pages' "GB" are GiB: the API reports g2-standard-8 as 32768 MB.
 * The capacity check needs them; a type missing here is refused rather than guessed.
 */
public final class MachineShapes {
    /** @param gpus GPUs built into the type; 0 for N1, whose GPUs are attached by count */
    public record Shape(int vCpus, long memoryMiB, int gpus) {
    }

    private static final long GIB = 1024;
    private static final Map<String, Shape> SHAPES = table();

    private MachineShapes() {
    }

    public static Optional<Shape> of(String machineType) {
        return Optional.ofNullable(SHAPES.get(machineType));
    }

    private static Map<String, Shape> table() {
        var t = new HashMap<String, Shape>();
        // G2: one to eight L4s; the GPU count is not monotonic in the size (g2-standard-32 has one).
        g2(t, 4, 16, 1);
        g2(t, 8, 32, 1);
        g2(t, 12, 48, 1);
        g2(t, 16, 64, 1);
        g2(t, 24, 96, 2);
        g2(t, 32, 128, 1);
        g2(t, 48, 192, 4);
        g2(t, 96, 384, 8);
        // A2 Standard (A100 40GB): 12 vCPUs and 85 GB per GPU; A2 Ultra (A100 80GB): 12 vCPUs and 170 GB per GPU.
        for (int gpus : List.of(1, 2, 4, 8)) {
            t.put("a2-highgpu-" + gpus + "g", new Shape(12 * gpus, 85 * GIB * gpus, gpus));
            t.put("a2-ultragpu-" + gpus + "g", new Shape(12 * gpus, 170 * GIB * gpus, gpus));
            // A3 High (H100 80GB): 26 vCPUs and 234 GB per GPU.
            t.put("a3-highgpu-" + gpus + "g", new Shape(26 * gpus, 234 * GIB * gpus, gpus));
        }
        t.put("a2-megagpu-16g", new Shape(96, 1360 * GIB, 16));
        for (int vCpus : List.of(1, 2, 4, 8, 16, 32, 64, 96)) {
            t.put("n1-standard-" + vCpus, new Shape(vCpus, vCpus * 3840L, 0));
            if (vCpus > 1) {
                t.put("n1-highmem-" + vCpus, new Shape(vCpus, vCpus * 6656L, 0));
                t.put("n1-highcpu-" + vCpus, new Shape(vCpus, vCpus * 9216L / 10, 0));
            }
        }
        return Map.copyOf(t);
    }

    private static void g2(Map<String, Shape> t, int vCpus, long memoryGiB, int gpus) {
        t.put("g2-standard-" + vCpus, new Shape(vCpus, memoryGiB * GIB, gpus));
    }
}
