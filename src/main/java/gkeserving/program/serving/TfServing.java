package gkeserving.program.serving;

import gkeserving.program.ResourceTypes;
import com.pulumi.core.Output;
import com.pulumi.gcp.compute.Address;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.outputs.LoadBalancerStatus;
import com.pulumi.kubernetes.core.v1.outputs.ServiceStatus;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import gkeserving.program.cluster.PodSecurity;
import gkeserving.program.config.GcpSettings;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.ModelSettings;
import gkeserving.program.config.ServingSettings;
import gkeserving.program.config.Settings;
import gkeserving.program.project.ProjectApi;
import gkeserving.program.project.ProjectServices;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One model served by TF Serving on the GPU pool: its namespace and identity, its config files, a
 * Deployment that rolls when image or config change, a LoadBalancer Service (REST 8501, gRPC 8500),
 * a CPU-driven autoscaler bounded by the pool's GPUs, and a disruption budget when there is a replica to spare.
 * Each object's args come from its own builder ({@link TfServingDeployment}, {@link TfServingService}, ...).
 */
public final class TfServing extends ComponentResource {

    /**
     * @param imageRef   the serving image by digest ({@code registry/path@sha256:...})
     * @param warmupData whether the model ships warm-up requests (see {@code ModelPreflight})
     * @param gpusReady  what makes {@code nvidia.com/gpu} allocatable (the device plugin); the Deployment waits for it
     */
    public record Args(GcpSettings gcp, ModelSettings model, ServingSettings serving, GpuPoolSettings gpuPool,
                       Output<String> imageRef, boolean warmupData, Provider kubernetesProvider, Resource gpusReady) {

        public static Args of(Settings settings, Output<String> imageRef, boolean warmupData, Provider kubernetesProvider,
                              Resource gpusReady) {
            return new Args(settings.gcp(), settings.model(), settings.serving(), settings.gpuPool(), imageRef, warmupData,
                    kubernetesProvider, gpusReady);
        }
    }

    public final Namespace namespace;
    public final ServiceAccount serviceAccount;
    public final ConfigMap config;
    public final Deployment deployment;
    public final Service service;
    /** With scale to zero: the pods behind the request-holding interceptor, which the load balancer sends to. */
    public final Optional<Service> backend;
    /** The plain CPU autoscaler; empty when KEDA owns the replica count. */
    public final Optional<HorizontalPodAutoscaler> autoscaler;
    public final Optional<PodDisruptionBudget> disruptionBudget;
    public final Optional<Address> staticIp;
    public final NetworkPolicy networkPolicy;

    public final Output<String> namespaceName;
    public final Output<String> modelName;
    public final Output<String> imageRef;
    /** The load balancer's IP (or hostname). */
    public final Output<String> host;
    public final Output<String> restEndpoint;
    public final Output<String> grpcEndpoint;
    public final Output<String> modelStatusUrl;

    /** @param apis the project's APIs: the static address waits for Compute Engine's */
    public TfServing(String name, Args args, ProjectServices apis, ComponentResourceOptions options) {
        super(ResourceTypes.TF_SERVING_COMPONENT, name, options);
        ModelSettings model = args.model();
        ServingSettings serving = args.serving();
        var labels = ServingLabels.of(model);
        var k8s = CustomResourceOptions.builder().provider(args.kubernetesProvider()).parent(this).build();

        // The pod meets the restricted Pod Security Standard; enforcing it keeps every pod here that way.
        this.namespace = new Namespace(name + "-namespace",
                PodSecurity.RESTRICTED.namespace(serving.namespace(), labels.labels()), k8s);
        this.namespaceName = nameOf(namespace.metadata());
        this.serviceAccount = new ServiceAccount(name + "-sa", TfServingServiceAccount.args(labels, namespaceName), k8s);
        SortedMap<String, String> files = TfServingConfigs.files(model, serving);
        this.config = new ConfigMap(name + "-config", TfServingConfigMap.args(labels, namespaceName, files), k8s);

        var pod = new ServingPod(model, serving, args.gpuPool(), args.warmupData(), labels,
                nameOf(config.metadata()), nameOf(serviceAccount.metadata()), ConfigChecksum.of(files));
        // A component's dependsOn does not reach its children: the Deployment must name the plugin itself.
        this.deployment = new Deployment(name + "-deployment", TfServingDeployment.args(labels, namespaceName, pod, args.imageRef()),
                CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().dependsOn(args.gpusReady())
                        .customTimeouts(TfServingDeployment.rolloutTimeouts(pod)).build()));

        this.staticIp = TfServingAddress.args(args.gcp(), model, serving.service())
                .map(address -> new Address(name + "-ip", address, CustomResourceOptions.builder().parent(this)
                        .dependsOn(apis.of(ProjectApi.COMPUTE)).build()));
        boolean holdFirst = serving.autoscaling().scaleToZero();
        this.service = new Service(name + "-service", TfServingService.args(labels, namespaceName, serving.service(),
                staticIp.map(Address::address), holdFirst), k8s);
        this.backend = holdFirst
                ? Optional.of(new Service(name + "-backend", TfServingService.backend(labels, namespaceName), k8s))
                : Optional.empty();
        this.autoscaler = serving.autoscaling().keda() ? Optional.empty() : Optional.of(new HorizontalPodAutoscaler(name + "-hpa",
                TfServingAutoscaler.args(labels, namespaceName, serving.autoscaling(), nameOf(deployment.metadata())), k8s));
        this.disruptionBudget = TfServingDisruptionBudget.args(labels, namespaceName, serving.autoscaling())
                .map(budget -> new PodDisruptionBudget(name + "-pdb", budget, k8s));
        this.networkPolicy = new NetworkPolicy(name + "-netpol", TfServingNetworkPolicy.args(labels, namespaceName), k8s);

        this.modelName = Output.of(model.name());
        this.imageRef = args.imageRef();
        this.host = staticIp.map(Address::address).orElseGet(() -> service.status().applyValue(TfServing::loadBalancerHost));
        Output<Endpoints> endpoints = host.applyValue(h -> Endpoints.of(h, model.name()));
        this.restEndpoint = endpoints.applyValue(Endpoints::rest);
        this.grpcEndpoint = endpoints.applyValue(Endpoints::grpc);
        this.modelStatusUrl = endpoints.applyValue(Endpoints::modelStatus);

        registerOutputs(Map.of(
                "namespace", namespaceName,
                "modelName", modelName,
                "imageRef", imageRef,
                "restEndpoint", restEndpoint,
                "grpcEndpoint", grpcEndpoint,
                "modelStatusUrl", modelStatusUrl));
    }

    /** Pulumi waits for the Service until its load balancer has an address, so after {@code up} there is one. */
    static String loadBalancerHost(Optional<ServiceStatus> status) {
        return status.flatMap(ServiceStatus::loadBalancer)
                .map(LoadBalancerStatus::ingress)
                .flatMap(ingress -> ingress.stream().findFirst())
                .flatMap(first -> first.ip().or(first::hostname))
                .orElseThrow(() -> new IllegalStateException(
                        "the TF Serving Service has no load balancer address; check `kubectl describe service` for events"));
    }

    private static Output<String> nameOf(Output<ObjectMeta> metadata) {
        return metadata.applyValue(m -> m.name().orElseThrow());
    }
}
