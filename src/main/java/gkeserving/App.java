package gkeserving;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import gkeserving.cluster.GkeCluster;
import gkeserving.cluster.NvidiaDevicePlugin;
import gkeserving.config.ConfigSource;
import gkeserving.config.InvalidConfigException;
import gkeserving.config.Settings;
import gkeserving.image.ModelPreflight;
import gkeserving.image.ModelVersion;
import gkeserving.serving.TfServing;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The Pulumi program: stack config → validated settings → components → stack outputs.
 * Nothing is registered unless the whole configuration is valid.
 */
public final class App {
    private App() {
    }

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        Optional<Settings> loaded = loadSettings(ctx);
        if (loaded.isEmpty()) {
            return;
        }
        Settings settings = loaded.get();

        var gke = new GkeCluster("gke", new GkeCluster.Args(settings.stack(), settings.gcp(), settings.cluster(),
                settings.cpuPool(), settings.gpuPool(), settings.protect()), ComponentResourceOptions.Empty);
        var devicePlugin = new NvidiaDevicePlugin("nvidia", new NvidiaDevicePlugin.Args(gke, settings.gpuPool(),
                settings.gpuOperator()), ComponentResourceOptions.Empty);

        // replaced by ServingImage.imageRef when merged
        Output<String> imageRef = Output.of(settings.image().existingDigest().orElse("<known after up: image digest>"));
        boolean warmupData = ModelPreflight.check(Path.of(settings.model().path()), settings.model().signature())
                .versions().stream().anyMatch(ModelVersion::hasWarmupData);
        var serving = new TfServing("tf-serving", new TfServing.Args(settings.gcp(), settings.model(), settings.serving(),
                settings.gpuPool(), imageRef, warmupData, gke.kubernetesProvider), ComponentResourceOptions.Empty);

        ctx.export("clusterName", gke.name);
        ctx.export("clusterLocation", gke.location);
        ctx.export("clusterEndpoint", gke.endpoint);
        ctx.export("kubeconfig", gke.kubeconfig);
        ctx.export("restEndpoint", serving.restEndpoint);
        ctx.export("grpcEndpoint", serving.grpcEndpoint);
        ctx.export("modelStatusUrl", serving.modelStatusUrl);
        ctx.export("modelName", serving.modelName);
        ctx.export("imageRef", serving.imageRef);
        ctx.export("namespace", serving.namespaceName);
    }

    /** Invalid input is the user's to fix: one error message listing every problem, no stack trace, no resources. */
    private static Optional<Settings> loadSettings(Context ctx) {
        try {
            return Optional.of(Settings.load(ctx.stackName(), pulumiConfig(ctx)));
        } catch (InvalidConfigException e) {
            ctx.log().error(e.getMessage());
            return Optional.empty();
        }
    }

    private static ConfigSource pulumiConfig(Context ctx) {
        return fullKey -> {
            int colon = fullKey.indexOf(':');
            return ctx.config(fullKey.substring(0, colon)).get(fullKey.substring(colon + 1));
        };
    }
}
