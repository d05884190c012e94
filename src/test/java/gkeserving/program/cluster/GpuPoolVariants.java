package gkeserving.program.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gkeserving.program.Fixtures;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Test config overrides of {@code gke-gpu-serving:gpuPool}. An override replaces the whole object, so each
 * variant starts from the stack's own gpuPool and changes only what it names.
 */
final class GpuPoolVariants {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GpuPoolVariants() {
    }

    /** The stack's gpuPool with {@code edit} applied, as a config override. */
    static Map<String, String> edited(String stack, Consumer<ObjectNode> edit) {
        try {
            var pool = (ObjectNode) JSON.readTree(Fixtures.config(stack).get(Fixtures.GPU_POOL));
            edit.accept(pool);
            return Map.of(Fixtures.GPU_POOL, JSON.writeValueAsString(pool));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("gpuPool of stack " + stack + " is not JSON", e);
        }
    }

    static Map<String, String> withDevicePlugin(String stack, String mode) {
        return edited(stack, pool -> pool.put("devicePlugin", mode));
    }

    /** L4 GPUs, each shared by {@code clients} pods. */
    static Consumer<ObjectNode> timeSharing(int clients) {
        return pool -> pool.putObject("sharing").put("strategy", "time-sharing").put("maxSharedClientsPerGpu", clients);
    }

    /** One A100 per node, cut into seven 1g.5gb MIG slices. */
    static Consumer<ObjectNode> migA100() {
        return pool -> {
            pool.put("machineType", "a2-highgpu-1g").put("accelerator", "nvidia-tesla-a100").put("acceleratorCount", 1);
            pool.putObject("sharing").put("strategy", "mig").put("partitionSize", "1g.5gb");
        };
    }
}
