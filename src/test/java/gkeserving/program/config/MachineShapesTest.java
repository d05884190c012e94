package gkeserving.program.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MachineShapes} against Google's machine-type tables, and the GPU counts the catalog derives from them. */
class MachineShapesTest {
    @ParameterizedTest
    @CsvSource({
            "g2-standard-4,   4,   16,   1",
            "g2-standard-8,   8,   32,   1",
            "g2-standard-24,  24,  96,   2",
            "g2-standard-32,  32,  128,  1",
            "g2-standard-96,  96,  384,  8",
            "a2-highgpu-1g,   12,  85,   1",
            "a2-highgpu-8g,   96,  680,  8",
            "a2-megagpu-16g,  96,  1360, 16",
            "a2-ultragpu-1g,  12,  170,  1",
            "a2-ultragpu-8g,  96,  1360, 8",
            "a3-highgpu-1g,   26,  234,  1",
            "a3-highgpu-8g,   208, 1872, 8"})
    void acceleratorOptimizedTypes(String machineType, int vCpus, long memoryGiB, int gpus) {
        assertThat(MachineShapes.of(machineType)).contains(new MachineShapes.Shape(vCpus, memoryGiB * 1024, gpus));
        assertThat(GpuCatalog.allowedCounts(machineType, GpuCatalog.builtInAccelerator(machineType).orElse("nvidia-l4")))
                .contains(List.of(gpus));
    }

    @ParameterizedTest
    @CsvSource({
            "n1-standard-1,  1,  3840",
            "n1-standard-8,  8,  30720",
            "n1-highmem-16,  16, 106496",
            "n1-highcpu-32,  32, 29491"})
    void n1TypesTakeTheirGpusByCount(String machineType, int vCpus, long memoryMiB) {
        assertThat(MachineShapes.of(machineType)).contains(new MachineShapes.Shape(vCpus, memoryMiB, 0));
        assertThat(GpuCatalog.allowedCounts(machineType, "nvidia-tesla-t4")).contains(List.of(1, 2, 4));
    }

    @Test
    void aTypeWithoutAKnownShapeIsUnknownToTheCatalog() {
        assertThat(MachineShapes.of("n1-megamem-96")).isEmpty();
        assertThat(GpuCatalog.allowedCounts("n1-megamem-96", "nvidia-tesla-t4")).isEmpty();
        assertThat(GpuCatalog.allowedCounts("a2-highgpu-3g", "nvidia-tesla-a100")).isEmpty();
    }
}
