package gkeserving;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.resources.ComponentResourceOptions;
import gkeserving.cluster.GkeCluster;
import gkeserving.cluster.NvidiaDevicePlugin;
import gkeserving.config.ConfigSource;
import gkeserving.config.InvalidConfigException;
import gkeserving.config.Settings;

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

        ctx.export("clusterName", gke.name);
        ctx.export("clusterLocation", gke.location);
        ctx.export("clusterEndpoint", gke.endpoint);
        ctx.export("kubeconfig", gke.kubeconfig);
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
