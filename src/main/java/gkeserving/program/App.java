package gkeserving.program;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.StackOptions;
import gkeserving.program.autoscaling.KedaAutoscaling;
import gkeserving.program.cluster.GkeCluster;
import gkeserving.program.cluster.GpuOperatorSupport;
import gkeserving.program.cluster.NvidiaDevicePlugin;
import gkeserving.program.config.ConfigSource;
import gkeserving.program.config.EngineConfig;
import gkeserving.program.config.InvalidConfigException;
import gkeserving.program.config.Settings;
import gkeserving.program.image.DockerDaemon;
import gkeserving.program.image.ImagePreflight;
import gkeserving.program.image.ServingImage;
import gkeserving.program.network.ClusterNetwork;
import gkeserving.program.project.ProjectServices;
import gkeserving.program.observability.ServingObservability;
import gkeserving.program.serving.ServingLabels;
import gkeserving.program.serving.TfServing;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
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
     * Pulumi runs the program in the project directory. Returns the exit code instead of exiting (as
     * {@code Pulumi.run} does), so the caller can stop the engine connection's threads first.
     */
    public static int run() {
        return Pulumi.withOptions(StackOptions.Empty).runAsync(ctx -> stack(ctx, DockerDaemon.ofThisMachine(),
                Path.of("").toAbsolutePath(), EngineConfig.keys(System.getenv(EngineConfig.ENV)))).join();
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

        // The APIs first: everything below waits for the ones it calls (never disabled on destroy).
        var apis = new ProjectServices("apis", settings.gcp(), ComponentResourceOptions.Empty);
        var network = new ClusterNetwork("network", ClusterNetwork.Args.of(settings, apis), ComponentResourceOptions.Empty);
        // The image build does not wait for the cluster: both proceed in parallel during `pulumi up`. Only the
        // nodes' read grant on the registry waits for the registry.
        var image = new ServingImage("serving-image", ServingImage.Args.of(settings, projectDir, preflight.warmup(),
                docker.buildsHere()), apis, ComponentResourceOptions.Empty);
        var gke = new GkeCluster("gke", GkeCluster.Args.of(settings),
                new GkeCluster.Foundation(apis, network, image.repository.repositoryId()), ComponentResourceOptions.Empty);
        var devicePlugin = new NvidiaDevicePlugin("nvidia", NvidiaDevicePlugin.Args.of(settings, gke,
                operatorSupport.checked()), ComponentResourceOptions.Empty);
        // The Deployment waits for the device plugin: until it runs, no node offers nvidia.com/gpu to schedule on.
        var serving = new TfServing("tf-serving", TfServing.Args.of(settings, image.imageRef, preflight.warmupData(),
                gke.kubernetesProvider, devicePlugin), apis, ComponentResourceOptions.Empty);

        var labels = ServingLabels.of(settings.model());
        var observability = new ServingObservability("observability", new ServingObservability.Args(settings, labels, gke.kubernetesProvider,
                serving.namespaceName, devicePlugin.gpuOperator), apis, ComponentResourceOptions.Empty);
        if (settings.serving().autoscaling().keda()) {
            new KedaAutoscaling("autoscaling", KedaAutoscaling.Args.of(settings, labels, gke.kubernetesProvider,
                    serving.namespaceName, serving.deployment), apis, ComponentResourceOptions.Empty);
        }

        Map<StackExport, Output<?>> exports = new EnumMap<>(StackExport.class);
        exports.put(StackExport.CLUSTER_NAME, gke.name);
        exports.put(StackExport.CLUSTER_LOCATION, gke.location);
        exports.put(StackExport.CLUSTER_ENDPOINT, gke.endpoint);
        exports.put(StackExport.KUBECONFIG, gke.kubeconfig);
        exports.put(StackExport.IMAGE_REF, image.imageRef);
        exports.put(StackExport.MODEL_NAME, serving.modelName);
        exports.put(StackExport.NAMESPACE, serving.namespaceName);
        exports.put(StackExport.REST_ENDPOINT, serving.restEndpoint);
        exports.put(StackExport.GRPC_ENDPOINT, serving.grpcEndpoint);
        exports.put(StackExport.MODEL_STATUS_URL, serving.modelStatusUrl);
        exports.put(StackExport.DASHBOARD_URL, observability.dashboardUrl);
        exportAll(ctx, exports);
    }

    /** Every output of the contract, each exactly once: a missing one fails here, not in a reader of the stack. */
    private static void exportAll(Context ctx, Map<StackExport, Output<?>> exports) {
        for (StackExport export : StackExport.values()) {
            ctx.export(export.key(), Objects.requireNonNull(exports.get(export), () -> "no value for output " + export.key()));
        }
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
        }, configKeys, Optional.of(ctx.projectName()));
    }
}
