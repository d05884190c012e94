package gkeserving.program.cluster;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.DaemonSet;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.ResourceQuota;
import com.pulumi.kubernetes.core.v1.ResourceQuotaArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceQuotaSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ScopeSelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.ScopedResourceSelectorRequirementArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import gkeserving.program.config.GpuOperatorSettings;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.GpuPoolSettings.DevicePlugin;

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
    public static final String TYPE = "gke-gpu-serving:infra:NvidiaDevicePlugin";
    /** Generous: the operator's chart waits for its controller and NFD to become ready on the CPU pool. */
    public static final int RELEASE_TIMEOUT_SECONDS = 900;

    /** @param operatorSupport the pinned operator's check against the cluster's channel; required in nvidia mode */
    public record Args(GkeCluster cluster, GpuPoolSettings gpuPool, GpuOperatorSettings gpuOperator,
                       Optional<GpuOperatorSupport.Checked> operatorSupport) {
    }

    /** Present in {@code nvidia} mode only. */
    public final Optional<DaemonSet> driverInstaller;
    /** Present in {@code nvidia} mode only. */
    public final Optional<Release> gpuOperator;

    public NvidiaDevicePlugin(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
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
        var namespace = new Namespace(name + "-operator-ns", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(op.namespace())
                        // The operator's pods are privileged (driver validation, toolkit, DCGM).
                        .labels(Map.of("pod-security.kubernetes.io/enforce", "privileged"))
                        .build())
                .build(), inCluster(args.cluster()));
        var quota = new ResourceQuota(name + "-critical-pods", criticalPodsQuota(op.namespace()),
                inCluster(args.cluster(), namespace));
        var config = new ConfigMap(name + "-plugin-config", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(DevicePluginConfig.CONFIG_MAP_NAME).namespace(op.namespace()).build())
                .data(Map.of(DevicePluginConfig.CONFIG_KEY, DevicePluginConfig.render(args.gpuPool())))
                .build(), inCluster(args.cluster(), namespace));
        return new Release(name + "-gpu-operator", ReleaseArgs.builder()
                .name("gpu-operator")
                .chart(op.chart())
                .version(op.version())
                .description(support.description())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(op.repository()).build())
                .namespace(op.namespace())
                .values(GpuOperatorValues.of(args.gpuPool()))
                .timeout(RELEASE_TIMEOUT_SECONDS)
                .build(), inCluster(args.cluster(), namespace, quota, config, installer));
    }

    /**
     * GKE admits pods with a system-*-critical priority outside kube-system only up to a ResourceQuota scoped
     * to those classes (NVIDIA's GKE guide); without it the operator's DaemonSets never get pods.
     */
    static ResourceQuotaArgs criticalPodsQuota(String namespace) {
        return ResourceQuotaArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("gpu-operator-quota").namespace(namespace).build())
                .spec(ResourceQuotaSpecArgs.builder()
                        .hard(Map.of("pods", "100"))
                        .scopeSelector(ScopeSelectorArgs.builder()
                                .matchExpressions(ScopedResourceSelectorRequirementArgs.builder()
                                        .scopeName("PriorityClass")
                                        .operator("In")
                                        .values(GpuOperatorValues.OPERAND_PRIORITY_CLASS, "system-cluster-critical")
                                        .build())
                                .build())
                        .build())
                .build();
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
