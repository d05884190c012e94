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
        NetworkSettings network,
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
            List.of("protect", "cluster", "cpuPool", "gpuPool", "gpuOperator", "model", "image", "serving", "network");

    public static Settings load(String stack, ConfigSource source) {
        var problems = new Problems();
        ConfigKeys.check(source, KEYS, problems);
        GcpSettings gcp = GcpSettings.read(source, problems);
        var settings = new Settings(
                stack,
                gcp,
                readProtect(source, problems),
                ClusterSettings.read(reader("cluster", source, problems), gcp.region()),
                NetworkSettings.read(reader("network", source, problems)),
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

    /** Valid but worth a warning: a rollout that has to take a pod down first ({@link Rollout}). */
    public List<String> warnings() {
        return Rollout.warning(ReplicaCapacity.of(gpuPool, serving)).stream().toList();
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
