package gkeserving.program.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link GpuFamily}: which GPUs TF Serving's release builds carry machine code for. */
class GpuFamilyTest {
    @ParameterizedTest
    @CsvSource({
            // TF Serving 2.18.0: SASS sm_50, sm_60, sm_70, sm_80, PTX compute_90
            "nvidia-tesla-p100, 2.18.0, true",
            "nvidia-tesla-p4,   2.18.0, true",
            "nvidia-tesla-v100, 2.18.0, true",
            "nvidia-tesla-t4,   2.18.0, true",
            "nvidia-tesla-a100, 2.18.0, true",
            "nvidia-a100-80gb,  2.18.0, true",
            "nvidia-l4,         2.18.0, true",
            "nvidia-h100-80gb,  2.18.0, false",
            // 2.14.1: SASS up to sm_75, PTX compute_80: Ampere and Ada compile at start-up too
            "nvidia-tesla-a100, 2.14.1, false",
            "nvidia-l4,         2.14.1, false",
            "nvidia-tesla-t4,   2.14.1, true",
            // 2.20.0 adds sm_89 and drops sm_50; still PTX only for Hopper
            "nvidia-l4,         2.20.0, true",
            "nvidia-tesla-p4,   2.20.0, true",
            "nvidia-h100-80gb,  2.20.0, false",
            "nvidia-h100-80gb,  3.1.0,  false"})
    void nativeKernelsWhereTheBuildCarriesSassForTheMajorVersionAtOrBelowTheMinor(String accelerator, String version,
                                                                                 boolean nativeKernels) {
        var startup = GpuCatalog.family(accelerator).startupFor(version);

        assertThat(startup.nativeKernels()).isEqualTo(nativeKernels);
        assertThat(startup.jitAllowance()).isEqualTo(nativeKernels ? Duration.ZERO : GpuFamily.JIT_STARTUP_ALLOWANCE);
    }

    @Test
    void everyAcceleratorTheCatalogAcceptsHasAFamily() {
        for (String accelerator : GpuCatalog.accelerators()) {
            assertThat(GpuCatalog.family(accelerator)).as(accelerator).isNotNull()
                    .extracting(GpuFamily::accelerator).isEqualTo(accelerator);
        }
    }

    @Test
    void aReleaseOlderThanEveryListedBuildTakesTheOldestList() {
        assertThat(GpuFamily.build("2.9.0")).isEqualTo(GpuFamily.SERVING_BUILDS.get(0));
        assertThat(GpuFamily.build("2.18.0").since()).isEqualTo("2.15.1");
        assertThat(GpuFamily.build("2.20.0").since()).isEqualTo("2.20.0");
    }
}
