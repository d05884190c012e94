package gkeserving.program.observability;

import gkeserving.program.project.ProjectApi;
import gkeserving.program.project.ProjectServices;
import com.pulumi.core.Output;
import com.pulumi.gcp.monitoring.AlertPolicy;
import com.pulumi.gcp.monitoring.Dashboard;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import gkeserving.program.ResourceTypes;
import gkeserving.program.autoscaling.CustomObject;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.Settings;
import gkeserving.program.serving.ServingLabels;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is scraped and watched: TF Serving's metrics (a PodMonitoring) and, in nvidia mode, the GPU Operator's
 * DCGM exporter (a ClusterPodMonitoring), both into Managed Service for Prometheus, which the cluster enables.
 * In gke mode no GPU metrics are scraped: GKE's own DCGM package needs GKE-managed drivers and is not enabled here.
 * Alert policies and a dashboard read all of it with PromQL ({@link ServingQueries}).
 */
public final class ServingObservability extends ComponentResource {

    /**
     * @param namespace   the serving namespace (created by TfServing)
     * @param gpuOperator the GPU Operator release, which installs the DCGM exporter (nvidia mode)
     */
    public record Args(Settings settings, ServingLabels labels, Provider kubernetesProvider, Output<String> namespace,
                       Optional<? extends Resource> gpuOperator) {
    }

    public final CustomObject podMonitoring;
    public final Optional<CustomObject> dcgmMonitoring;
    /** With scale to zero: the HTTP add-on's interceptor, whose 504s are held requests that timed out. */
    public final Optional<CustomObject> interceptorMonitoring;
    public final List<AlertPolicy> alerts;
    public final Dashboard dashboard;
    public final Output<String> dashboardUrl;

    /** @param apis the project's APIs: alert policies and the dashboard wait for Cloud Monitoring's */
    public ServingObservability(String name, Args args, ProjectServices apis, ComponentResourceOptions options) {
        super(ResourceTypes.OBSERVABILITY_COMPONENT, name, options);
        var k8s = CustomResourceOptions.builder().provider(args.kubernetesProvider()).parent(this).build();
        // The CRDs of managed collection are GKE's, there as soon as the cluster is.
        this.podMonitoring = new CustomObject(name + "-podmonitoring", ServingMonitors.podMonitoring(args.labels(), args.namespace()), k8s);
        boolean nvidia = args.settings().gpuPool().devicePlugin() == GpuPoolSettings.DevicePlugin.NVIDIA;
        this.dcgmMonitoring = nvidia
                ? Optional.of(new CustomObject(name + "-dcgm", ServingMonitors.dcgmMonitoring(), CustomResourceOptions.merge(k8s,
                        CustomResourceOptions.builder().dependsOn(args.gpuOperator().map(r -> (Resource) r).stream().toList()).build())))
                : Optional.empty();
        this.interceptorMonitoring = args.settings().serving().autoscaling().scaleToZero()
                ? Optional.of(new CustomObject(name + "-interceptor", ServingMonitors.interceptorMonitoring(args.namespace()), k8s))
                : Optional.empty();

        var queries = new ServingQueries(args.settings().serving().namespace(), args.labels().workload());
        var gcp = CustomResourceOptions.builder().parent(this).dependsOn(apis.of(ProjectApi.MONITORING)).build();
        this.alerts = ServingAlerts.of(args.settings(), queries).stream()
                .map(policy -> new AlertPolicy(name + "-" + policy.key(), policy.args(), gcp)).toList();
        this.dashboard = new Dashboard(name + "-dashboard", ServingDashboard.args(args.settings(), queries), gcp);
        String project = args.settings().gcp().project();
        this.dashboardUrl = dashboard.id().applyValue(id -> ServingDashboard.url(project, id));
        registerOutputs(Map.of("dashboardUrl", dashboardUrl));
    }
}
