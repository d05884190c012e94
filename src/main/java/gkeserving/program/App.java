package gkeserving.program;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import gkeserving.program.cluster.GkeCluster;
import gkeserving.program.cluster.GpuOperatorSupport;
import gkeserving.program.cluster.NvidiaDevicePlugin;
import gkeserving.program.config.ConfigSource;
import gkeserving.program.config.EngineConfig;
import gkeserving.program.config.ImageSettings.RegistryRepository;
import gkeserving.program.config.InvalidConfigException;
import gkeserving.program.config.Settings;
import gkeserving.program.image.DockerDaemon;
import gkeserving.program.image.ImagePreflight;
import gkeserving.program.image.ServingImage;
import gkeserving.program.serving.TfServing;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Pulumi program: stack config → validated settings → components → stack outputs.
 * Nothing is registered unless the whole configuration is valid.
 */
public final class App {
    private App() {
    }

    /**
     * A real preview or update: the docker provider will need a daemon, so ask for one up front.
     * Pulumi runs the program in the project directory.
     */
    public static void main(String[] args) {
        Pulumi.run(ctx -> stack(ctx, DockerDaemon.ofThisMachine(), Path.of("").toAbsolutePath(),
                EngineConfig.keys(System.getenv(EngineConfig.ENV))));
    }

    /** The program as in-process runs (tests, offline renders) see it: they never reach the docker provider. */
    public static void stack(Context ctx) {
        stack(ctx, DockerDaemon.NOT_PROBED, Path.of("").toAbsolutePath(), Set.of());
    }

    /**
     * @param projectDir the directory holding Pulumi.yaml; model paths and the Dockerfile are relative to it
     * @param configKeys every config key the stack sets (to catch misspelled top-level keys); empty if unknown
     */
    public static void stack(Context ctx, DockerDaemon docker, Path projectDir, Set<String> configKeys) {
        Optional<Settings> loaded = loadSettings(ctx, configKeys);
        if (loaded.isEmpty()) {
            return;
        }
        Settings settings = loaded.get();
        settings.warnings().forEach(ctx.log()::warn);
        var preflight = ImagePreflight.check(settings, projectDir, docker, ctx.config("docker").get("host"));
        if (!preflight.reportTo(ctx.log())) {
            return;
        }
        var operatorSupport = GpuOperatorSupport.check(settings);
        if (!operatorSupport.reportTo(ctx.log())) {
            return;
        }

        // A promoted image stays in the registry it was built in: the nodes must be able to pull from there.
        List<RegistryRepository> pullFrom = settings.image().existingDigestRepository()
                .filter(repo -> !repo.project().equals(settings.gcp().project())).stream().toList();
        var gke = new GkeCluster("gke", new GkeCluster.Args(settings.stack(), settings.gcp(), settings.cluster(),
                settings.cpuPool(), settings.gpuPool(), settings.protect(), pullFrom), ComponentResourceOptions.Empty);
        var devicePlugin = new NvidiaDevicePlugin("nvidia", new NvidiaDevicePlugin.Args(gke, settings.gpuPool(),
                settings.gpuOperator(), operatorSupport.checked()), ComponentResourceOptions.Empty);

        // The image build does not wait for the cluster: both proceed in parallel during `pulumi up`.
        var image = new ServingImage("serving-image", ServingImage.Args.of(settings, projectDir),
                ComponentResourceOptions.Empty);
        // The Deployment waits for the device plugin: until it runs, no node offers nvidia.com/gpu to schedule on.
        var serving = new TfServing("tf-serving", new TfServing.Args(settings.gcp(), settings.model(), settings.serving(),
                settings.gpuPool(), image.imageRef, preflight.warmupData(), gke.kubernetesProvider, devicePlugin),
                ComponentResourceOptions.Empty);

        ctx.export("clusterName", gke.name);
        ctx.export("clusterLocation", gke.location);
        ctx.export("clusterEndpoint", gke.endpoint);
        ctx.export("kubeconfig", gke.kubeconfig);
        ctx.export("imageRef", image.imageRef);
        ctx.export("modelName", serving.modelName);
        ctx.export("namespace", serving.namespaceName);
        ctx.export("restEndpoint", serving.restEndpoint);
        ctx.export("grpcEndpoint", serving.grpcEndpoint);
        ctx.export("modelStatusUrl", serving.modelStatusUrl);
    }

    /** Invalid input is the user's to fix: one error message listing every problem, no stack trace, no resources. */
    private static Optional<Settings> loadSettings(Context ctx, Set<String> configKeys) {
        try {
            return Optional.of(Settings.load(ctx.stackName(), pulumiConfig(ctx, configKeys)));
        } catch (InvalidConfigException e) {
            ctx.log().error(e.getMessage());
            return Optional.empty();
        }
    }

    private static ConfigSource pulumiConfig(Context ctx, Set<String> configKeys) {
        return ConfigSource.of(fullKey -> {
            int colon = fullKey.indexOf(':');
            return ctx.config(fullKey.substring(0, colon)).get(fullKey.substring(colon + 1));
        }, configKeys);
    }
}
