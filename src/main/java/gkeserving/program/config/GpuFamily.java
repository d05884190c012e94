package gkeserving.program.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One GPU model as TF Serving sees it: its CUDA compute capability (NVIDIA's table,
 * https://developer.nvidia.com/cuda-gpus), and from that whether the serving image carries machine code
 * (SASS) for it or must JIT-compile PTX when the server starts.
 *
 * @param major compute capability, e.g. 8.9 for the L4
 */
public record GpuFamily(String accelerator, String architecture, int major, int minor) {

    /**
     * TensorFlow's own warning for that case: "CUDA kernels will be jit-compiled from PTX, which could take
     * 30 minutes or longer" (tensorflow/tensorflow#60739, #62320, on H100). Added to the startup budget.
     */
    public static final Duration JIT_STARTUP_ALLOWANCE = Duration.ofMinutes(30);

    /** The start-up facts for one TF Serving release: whether it has native kernels, and the extra time if not. */
    public record Startup(boolean nativeKernels, Duration jitAllowance) {
    }

    /**
     * The CUDA architectures TF Serving's GPU release builds carry SASS for, from the {@code cuda_clang} config's
     * TF_CUDA_COMPUTE_CAPABILITIES in tensorflow/serving's .bazelrc at each tag (Dockerfile.devel-gpu builds
     * the release binary with --config=cuda_clang): 2.10.0-2.14.1 "sm_35,sm_50,sm_60,sm_70,sm_75,compute_80",
     * 2.15.1-2.19.1 "sm_50,sm_60,sm_70,sm_80,compute_90" (2.18.0: .bazelrc line 18), 2.20.0
     * "sm_60,sm_70,sm_80,sm_89,compute_90". The compute_* entry is PTX only, so it is not listed.
     *
     * @param since the first release with this list (older releases take the oldest entry)
     * @param sass  as in sm_NN: major x 10 + minor
     */
    record ServingBuild(String since, List<Integer> sass) {
    }

    static final List<ServingBuild> SERVING_BUILDS = List.of(
            new ServingBuild("2.10.0", List.of(35, 50, 60, 70, 75)),
            new ServingBuild("2.15.1", List.of(50, 60, 70, 80)),
            new ServingBuild("2.20.0", List.of(60, 70, 80, 89)));

    /**
     * SASS for X.y runs on any X.z with z >= y (CUDA's binary compatibility, CUDA C++ Programming Guide,
     * "Binary Compatibility"): an L4 (8.9) runs 2.18's sm_80 code natively, an H100 (9.0) has only PTX.
     */
    public Startup startupFor(String tfServingVersion) {
        boolean nativeKernels = build(tfServingVersion).sass().stream()
                .anyMatch(sm -> sm / 10 == major && sm % 10 <= minor);
        return new Startup(nativeKernels, nativeKernels ? Duration.ZERO : JIT_STARTUP_ALLOWANCE);
    }

    /** The newest build list at or before the version; versions are checked to be x.y.z before anything reads them. */
    static ServingBuild build(String tfServingVersion) {
        ServingBuild found = SERVING_BUILDS.get(0);
        for (ServingBuild b : SERVING_BUILDS) {
            if (Arrays.compare(parts(b.since()), parts(tfServingVersion)) <= 0) {
                found = b;
            }
        }
        return found;
    }

    private static int[] parts(String version) {
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
