package gkeserving.program.serving;

import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;

import java.util.List;

/**
 * Where the CUDA driver keeps the kernels it JIT-compiles from PTX. Without it the driver's default
 * ($HOME/.nv/ComputeCache) is on the read-only root filesystem, so nothing is cached and a restarted
 * container compiles everything again. Mounted for every GPU: where TF Serving has native kernels the
 * driver compiles nothing and the directory stays empty, and one pod shape is simpler than two.
 * The emptyDir lives as long as the pod, so it spares a container restart, not a new pod.
 */
final class CudaJitCache {
    static final String VOLUME = "cuda-cache";
    static final String DIR = "/cuda-cache";
    static final String SIZE_LIMIT = "2Gi";
    /**
     * Below the volume's limit, so the cache can never push the emptyDir over it (the kubelet evicts a pod
     * whose emptyDir exceeds its sizeLimit); the driver evicts old entries past this size. TensorFlow's
     * release notes recommend a cache of this order (2 GiB) for JIT-compiled kernels.
     */
    static final long MAX_BYTES = 1536L * 1024 * 1024;

    private CudaJitCache() {
    }

    static VolumeArgs volume() {
        return VolumeArgs.builder().name(VOLUME)
                .emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit(SIZE_LIMIT).build()).build();
    }

    static VolumeMountArgs mount() {
        return VolumeMountArgs.builder().name(VOLUME).mountPath(DIR).build();
    }

    /** CUDA_CACHE_PATH and CUDA_CACHE_MAXSIZE (bytes), NVIDIA's JIT cache variables. */
    static List<EnvVarArgs> env() {
        return List.of(
                EnvVarArgs.builder().name("CUDA_CACHE_PATH").value(DIR).build(),
                EnvVarArgs.builder().name("CUDA_CACHE_MAXSIZE").value(String.valueOf(MAX_BYTES)).build());
    }
}
