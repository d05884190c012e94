package gkeserving.program.config;

import java.util.List;

/**
 * Everything a stack is configured with, typed and validated. Loading either returns settings that
 * passed every rule or throws one {@link InvalidConfigException} listing all problems.
 */
public record Settings(
        String stack,
        GcpSettings gcp,
        boolean protect,
        ClusterSettings cluster,
        CpuPoolSettings cpuPool,
        GpuPoolSettings gpuPool,
        GpuOperatorSettings gpuOperator,
        ModelSettings model,
        ImageSettings image,
        ServingSettings serving) {

    /** The Pulumi project name, also the namespace of the project's config keys. */
    public static final String PROJECT = "gke-gpu-serving";
    /** The project's top-level config keys; any other key in the project's namespace is a typo. */
    public static final List<String> KEYS =
            List.of("protect", "cluster", "cpuPool", "gpuPool", "gpuOperator", "model", "image", "serving");

    public static Settings load(String stack, ConfigSource source) {
        var problems = new Problems();
        ConfigKeys.check(source, KEYS, problems);
        GcpSettings gcp = GcpSettings.read(source, problems);
        var settings = new Settings(
                stack,
                gcp,
                readProtect(source, problems),
                ClusterSettings.read(reader("cluster", source, problems), gcp.region()),
                CpuPoolSettings.read(reader("cpuPool", source, problems)),
                GpuPoolSettings.read(reader("gpuPool", source, problems)),
                GpuOperatorSettings.read(reader("gpuOperator", source, problems)),
                ModelSettings.read(reader("model", source, problems)),
                ImageSettings.read(reader("image", source, problems)),
                ServingSettings.read(reader("serving", source, problems)));
        // Rules only make sense on well-typed values; type problems are already in the list.
        SettingsValidator.validate(settings, problems);
        problems.throwIfAny();
        return settings;
    }

    /**
     * Valid but worth a warning. A pool that holds exactly {@code maxReplicas} has no GPU for a rollout's
     * surge pod (maxSurge 1, maxUnavailable 0) while the autoscaler is at its maximum: the rollout waits
     * until load drops. Fine for a small dev pool; staging and prod keep a node of headroom.
     */
    public List<String> warnings() {
        int capacity = SettingsValidator.replicaCapacity(this);
        int max = serving.autoscaling().maxReplicas();
        if (capacity > max) {
            return List.of();
        }
        return List.of("serving.autoscaling.maxReplicas (" + max + ") takes every GPU the pool can offer (gpuPool.maxNodes "
                + gpuPool.maxNodes() + "): at full scale a rollout's extra pod waits for a free GPU until load drops;"
                + " raise gpuPool.maxNodes for headroom");
    }

    private static ConfigReader reader(String key, ConfigSource source, Problems problems) {
        return ConfigReader.root(key, source.get(PROJECT + ":" + key), problems);
    }

    private static boolean readProtect(ConfigSource source, Problems problems) {
        String raw = source.get(PROJECT + ":protect").map(String::trim).orElse("false");
        if (!raw.equals("true") && !raw.equals("false")) {
            problems.add("protect (" + raw + ") must be true or false");
        }
        return raw.equals("true");
    }
}
