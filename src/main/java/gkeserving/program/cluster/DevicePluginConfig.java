package gkeserving.program.cluster;

import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.GpuPoolSettings.SharingStrategy;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NVIDIA device plugin's configuration file (format {@code version: v1}) for the GPU pool, derived
 * from {@code gpuPool.sharing} so that what the plugin advertises matches what GKE was told about the
 * pool: time-sharing replicas equal the pool's {@code maxSharedClientsPerGpu}, and a MIG-partitioned pool
 * (GKE cuts every GPU into {@code gpuPartitionSize} slices) is advertised with the {@code single} strategy,
 * each slice as one {@code nvidia.com/gpu}.
 */
public final class DevicePluginConfig {
    /** Name of the ConfigMap in the operator's namespace that holds the config. */
    public static final String CONFIG_MAP_NAME = "device-plugin-config";
    /** Key of the config inside the ConfigMap; the Helm values name it as the default for every node. */
    public static final String CONFIG_KEY = "gke-gpu-pool";

    private DevicePluginConfig() {
    }

    /** {@code single} for a MIG-partitioned pool (all GPUs cut alike), {@code none} otherwise. */
    public static String migStrategy(GpuPoolSettings gpu) {
        return gpu.sharing().strategy() == SharingStrategy.MIG ? "single" : "none";
    }

    /** How many pods share one physical GPU through time-slicing; 1 means no sharing. */
    public static int timeSlicingReplicas(GpuPoolSettings gpu) {
        return gpu.sharing().strategy() == SharingStrategy.TIME_SHARING
                ? gpu.sharing().maxSharedClientsPerGpu().orElseThrow()
                : 1;
    }

    /** The ConfigMap holding the config, in the operator's namespace. */
    public static ConfigMapArgs configMap(String namespace, GpuPoolSettings gpu) {
        return ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(CONFIG_MAP_NAME).namespace(namespace).build())
                .data(Map.of(CONFIG_KEY, render(gpu)))
                .build();
    }

    /** The config file's YAML text. */
    public static String render(GpuPoolSettings gpu) {
        var config = new LinkedHashMap<String, Object>();
        config.put("version", "v1");
        config.put("flags", Map.of("migStrategy", migStrategy(gpu)));
        int replicas = timeSlicingReplicas(gpu);
        if (replicas > 1) {
            var resource = new LinkedHashMap<String, Object>();
            resource.put("name", GpuScheduling.GPU_RESOURCE);
            resource.put("replicas", replicas);
            config.put("sharing", Map.of("timeSlicing", Map.of("resources", List.of(resource))));
        }
        return yaml().dump(config);
    }

    private static Yaml yaml() {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options);
    }
}
