package gkeserving.program.serving;

import gkeserving.program.config.ServingSettings;

import java.util.ArrayList;
import java.util.List;

/** The {@code tensorflow_model_server} command line, from settings alone. */
public final class TfServingFlags {
    /** The server binary in the official image; called directly so the image's entrypoint script adds no flags of its own. */
    public static final String SERVER_BINARY = "/usr/bin/tensorflow_model_server";
    public static final int REST_PORT = 8501;
    public static final int GRPC_PORT = 8500;

    private TfServingFlags() {
    }

    /**
     * @param configDir  where the ConfigMap with {@link TfServingConfigs#files} is mounted
     * @param warmupData whether the model ships {@code assets.extra/tf_serving_warmup_requests}
     */
    public static List<String> args(ServingSettings serving, String configDir, boolean warmupData) {
        var args = new ArrayList<String>();
        args.add("--port=" + GRPC_PORT);
        args.add("--rest_api_port=" + REST_PORT);
        args.add("--model_config_file=" + configDir + "/" + TfServingConfigs.MODELS_CONFIG);
        args.add("--monitoring_config_file=" + configDir + "/" + TfServingConfigs.MONITORING_CONFIG);
        if (serving.batching().enabled()) {
            args.add("--enable_batching=true");
            args.add("--batching_parameters_file=" + configDir + "/" + TfServingConfigs.BATCHING_PARAMETERS);
        }
        serving.perProcessGpuMemoryFraction()
                .ifPresent(fraction -> args.add("--per_process_gpu_memory_fraction=" + fraction));
        if (warmupData) {
            // Replays the recorded requests at load time, so the first real request does not pay for lazy initialisation.
            args.add("--enable_model_warmup=true");
        }
        return List.copyOf(args);
    }
}
