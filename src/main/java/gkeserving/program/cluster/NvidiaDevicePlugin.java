package gkeserving.program.cluster;

import gkeserving.program.ResourceTypes;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.DaemonSet;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.ResourceQuota;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import gkeserving.program.config.GpuOperatorSettings;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.GpuPoolSettings.DevicePlugin;
import gkeserving.program.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What makes {@code nvidia.com/gpu} allocatable on the GPU pool, per {@code gpuPool.devicePlugin}:
 * <ul>
 *   <li>{@code nvidia}: NVIDIA's recipe for GKE. The pool has GKE's driver installation and device plugin
 *       switched off (see {@link GpuScheduling}); Google's COS driver installer runs as a DaemonSet, and NVIDIA's
 *       GPU Operator brings the device plugin, container toolkit and DCGM exporter.</li>
 *   <li>{@code gke}: GKE installs the driver and runs its own managed device plugin, Google's supported path.
 *       The component then has no children. It is still created so that every stack has the same graph shape
 *       and workloads can depend on "the GPUs are usable" without knowing the mode.</li>
 * </ul>
 * Every child uses the cluster's own Kubernetes provider and waits for the GPU pool.
 */
public final class NvidiaDevicePlugin extends ComponentResource {

    /** @param operatorSupport the pinned operator's check against the cluster's channel; required in nvidia mode */
    public record Args(GkeCluster cluster, GpuPoolSettings gpuPool, GpuOperatorSettings gpuOperator,
                       Optional<GpuOperatorSupport.Checked> operatorSupport) {
        public static Args of(Settings settings, GkeCluster cluster, Optional<GpuOperatorSupport.Checked> support) {
            return new Args(cluster, settings.gpuPool(), settings.gpuOperator(), support);
        }
    }

    /** Present in {@code nvidia} mode only. */
    public final Optional<DaemonSet> driverInstaller;
    /** Present in {@code nvidia} mode only. */
    public final Optional<Release> gpuOperator;

    public NvidiaDevicePlugin(String name, Args args, ComponentResourceOptions options) {
        super(ResourceTypes.DEVICE_PLUGIN_COMPONENT, name, options);
        GpuPoolSettings gpu = args.gpuPool();
        if (gpu.devicePlugin() == DevicePlugin.NVIDIA) {
            requireGkePluginDisabled(gpu);
            var installer = new DaemonSet(name + "-driver-installer", DriverInstallerDaemonSet.args(gpu),
                    inCluster(args.cluster()));
            this.driverInstaller = Optional.of(installer);
            this.gpuOperator = Optional.of(gpuOperator(name, args, installer));
        } else {
            this.driverInstaller = Optional.empty();
            this.gpuOperator = Optional.empty();
        }
        registerOutputs(Map.of("devicePlugin", Output.of(gpu.devicePlugin().toString())));
    }

    /**
     * Two plugins advertising {@code nvidia.com/gpu} on one node fight over the devices. The pool's labels
     * come from {@link GpuScheduling}; refuse to install NVIDIA's plugin unless they switch GKE's off.
     */
    static void requireGkePluginDisabled(GpuPoolSettings gpu) {
        var labels = GpuScheduling.gpuNodeLabels(gpu);
        if (!"true".equals(labels.get(GpuScheduling.NO_GKE_DEVICE_PLUGIN_LABEL))
                || !"INSTALLATION_DISABLED".equals(GpuScheduling.driverInstallation(gpu))) {
            throw new IllegalStateException("gpuPool.devicePlugin nvidia needs the GPU pool labelled "
                    + GpuScheduling.NO_GKE_DEVICE_PLUGIN_LABEL + "=true and GKE's driver installation disabled; pool labels: "
                    + labels + ", driver installation: " + GpuScheduling.driverInstallation(gpu));
        }
    }

    /** The operator's namespace, its quota and plugin config, then the chart, after the driver installer. */
    private Release gpuOperator(String name, Args args, DaemonSet installer) {
        GpuOperatorSettings op = args.gpuOperator();
        GpuOperatorSupport.Checked support = args.operatorSupport().orElseThrow(() -> new IllegalStateException(
                "the GPU Operator is only installed once GpuOperatorSupport.check has passed"));
        // The operator's pods are privileged (driver validation, toolkit, DCGM).
        var namespace = new Namespace(name + "-operator-ns", PodSecurity.PRIVILEGED.namespace(op.namespace(), Map.of()),
                inCluster(args.cluster()));
        var quota = new ResourceQuota(name + "-critical-pods", GpuOperatorRelease.criticalPodsQuota(op.namespace()),
                inCluster(args.cluster(), namespace));
        var config = new ConfigMap(name + "-plugin-config", DevicePluginConfig.configMap(op.namespace(), args.gpuPool()),
                inCluster(args.cluster(), namespace));
        return new Release(name + "-gpu-operator", GpuOperatorRelease.args(op, args.gpuPool(), support),
                inCluster(args.cluster(), namespace, quota, config, installer));
    }

    /** The cluster's own provider, a child of this component, after the GPU pool (and {@code more}). */
    private CustomResourceOptions inCluster(GkeCluster cluster, Resource... more) {
        var deps = new ArrayList<Resource>();
        deps.add(cluster.gpuPool);
        deps.addAll(List.of(more));
        return CustomResourceOptions.builder()
                .provider(cluster.kubernetesProvider)
                .parent(this)
                .dependsOn(deps)
                .build();
    }
}
