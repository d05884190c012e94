package gkeserving.program.serving;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.Address;
import com.pulumi.gcp.compute.AddressArgs;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingPolicyArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingRulesArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerBehaviorArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ResourceMetricSourceArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.outputs.LoadBalancerStatus;
import com.pulumi.kubernetes.core.v1.outputs.ServiceStatus;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.CustomTimeouts;
import gkeserving.program.config.GcpSettings;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.ModelSettings;
import gkeserving.program.config.ServingSettings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One model served by TF Serving on the GPU pool: its namespace and identity, its config files, a
 * Deployment that rolls when image or config change, a LoadBalancer Service (REST 8501, gRPC 8500),
 * a CPU-driven autoscaler bounded by the pool's GPUs, and a disruption budget when there is a replica to spare.
 */
public final class TfServing extends ComponentResource {
    public static final String TYPE = "gke-gpu-serving:serving:TfServing";
    /** The annotation that makes GKE provision an internal passthrough load balancer instead of an external one. */
    public static final String INTERNAL_LB_ANNOTATION = "networking.gke.io/load-balancer-type";
    /**
     * A GPU node scaled up from zero, plus pulling a multi-gigabyte serving image, before the startup
     * probe's own budget even starts.
     */
    static final Duration NODE_PROVISIONING_ALLOWANCE = Duration.ofMinutes(10);

    /**
     * @param imageRef   the serving image by digest ({@code registry/path@sha256:...})
     * @param warmupData whether the model ships warm-up requests (see {@code ModelPreflight})
     * @param gpusReady  what makes {@code nvidia.com/gpu} allocatable (the device plugin); the Deployment waits for it
     */
    public record Args(GcpSettings gcp, ModelSettings model, ServingSettings serving, GpuPoolSettings gpuPool,
                       Output<String> imageRef, boolean warmupData, Provider kubernetesProvider, Resource gpusReady) {
    }

    public final Namespace namespace;
    public final ServiceAccount serviceAccount;
    public final ConfigMap config;
    public final Deployment deployment;
    public final Service service;
    public final HorizontalPodAutoscaler autoscaler;
    public final Optional<PodDisruptionBudget> disruptionBudget;
    public final Optional<Address> staticIp;

    public final Output<String> namespaceName;
    public final Output<String> modelName;
    public final Output<String> imageRef;
    /** The load balancer's IP (or hostname). */
    public final Output<String> host;
    public final Output<String> restEndpoint;
    public final Output<String> grpcEndpoint;
    public final Output<String> modelStatusUrl;

    private final String workload;
    private final Map<String, String> labels;
    private final Map<String, String> selectorLabels;

    public TfServing(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        ModelSettings model = args.model();
        ServingSettings serving = args.serving();
        this.workload = workloadName(model);
        this.selectorLabels = selectorLabels(model);
        this.labels = objectLabels(model);
        var k8s = CustomResourceOptions.builder().provider(args.kubernetesProvider()).parent(this).build();

        this.namespace = new Namespace(name + "-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(serving.namespace())
                        // The pod below meets the restricted Pod Security Standard; enforcing it keeps every pod here that way.
                        .labels(with(labels, "pod-security.kubernetes.io/enforce", "restricted"))
                        .build())
                .build(), k8s);
        this.namespaceName = nameOf(namespace.metadata());

        this.serviceAccount = new ServiceAccount(name + "-sa", ServiceAccountArgs.builder()
                .metadata(metadata(workload))
                .automountServiceAccountToken(false)
                .build(), k8s);

        SortedMap<String, String> files = TfServingConfigs.files(model, serving);
        this.config = new ConfigMap(name + "-config", ConfigMapArgs.builder()
                .metadata(metadata(workload + "-config"))
                .data(files)
                .build(), k8s);

        var pod = new ServingPod(model, serving, args.gpuPool(), args.warmupData(), labels,
                nameOf(config.metadata()), nameOf(serviceAccount.metadata()), ConfigChecksum.of(files));
        this.deployment = new Deployment(name + "-deployment", DeploymentArgs.builder()
                .metadata(metadata(workload))
                .spec(deploymentSpec(serving, pod.template(args.imageRef())))
                // A component's dependsOn does not reach its children: the Deployment must name the plugin itself.
                .build(), CustomResourceOptions.merge(k8s, CustomResourceOptions.builder()
                .dependsOn(args.gpusReady())
                .customTimeouts(rolloutTimeouts(serving)).build()));

        this.staticIp = serving.service().staticIp()
                ? Optional.of(new Address(name + "-ip", AddressArgs.builder()
                        .project(args.gcp().project())
                        .region(args.gcp().region())
                        .addressType("EXTERNAL")
                        .description("Load balancer address of TF Serving for model " + model.name())
                        .build(), CustomResourceOptions.builder().parent(this).build()))
                : Optional.empty();
        this.service = new Service(name + "-service", ServiceArgs.builder()
                .metadata(serviceMetadata(serving.service()))
                .spec(serviceSpec(serving.service(), staticIp))
                .build(), k8s);

        this.autoscaler = new HorizontalPodAutoscaler(name + "-hpa", HorizontalPodAutoscalerArgs.builder()
                .metadata(metadata(workload))
                .spec(autoscalerSpec(serving.autoscaling(), nameOf(deployment.metadata())))
                .build(), k8s);

        // A budget of one with a single replica would block every node drain (and so every pool upgrade).
        this.disruptionBudget = serving.autoscaling().minReplicas() > 1
                ? Optional.of(new PodDisruptionBudget(name + "-pdb", PodDisruptionBudgetArgs.builder()
                        .metadata(metadata(workload))
                        .spec(PodDisruptionBudgetSpecArgs.builder()
                                .minAvailable(1)
                                .selector(selector())
                                // A pod that is not ready protects nothing; let drains evict it.
                                .unhealthyPodEvictionPolicy("AlwaysAllow")
                                .build())
                        .build(), k8s))
                : Optional.empty();

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

    /** Kubernetes name of the Deployment, Service, autoscaler and friends. */
    public static String workloadName(ModelSettings model) {
        return "tf-serving-" + model.name();
    }

    /** What the Deployment, Service, spread constraint and budget select by; immutable once the Deployment exists. */
    public static Map<String, String> selectorLabels(ModelSettings model) {
        var selector = new LinkedHashMap<String, String>();
        selector.put("app.kubernetes.io/name", "tf-serving");
        selector.put("app.kubernetes.io/instance", model.name());
        return Map.copyOf(selector);
    }

    static Map<String, String> objectLabels(ModelSettings model) {
        return with(selectorLabels(model), "app.kubernetes.io/part-of", "gke-gpu-serving");
    }

    private ObjectMetaArgs metadata(String objectName) {
        return ObjectMetaArgs.builder().name(objectName).namespace(namespaceName).labels(labels).build();
    }

    private LabelSelectorArgs selector() {
        return LabelSelectorArgs.builder().matchLabels(selectorLabels).build();
    }

    /**
     * No {@code replicas}: the autoscaler owns the count, and a value here would reset it on every update.
     * One extra pod at a time and none taken away before its replacement is ready: GPU capacity is
     * scarce, and serving capacity must not dip during a rollout.
     */
    private DeploymentSpecArgs deploymentSpec(ServingSettings serving, PodTemplateSpecArgs template) {
        return DeploymentSpecArgs.builder()
                .selector(selector())
                .strategy(DeploymentStrategyArgs.builder()
                        .type("RollingUpdate")
                        .rollingUpdate(RollingUpdateDeploymentArgs.builder().maxUnavailable(0).maxSurge(1).build())
                        .build())
                .progressDeadlineSeconds(rolloutBudgetSeconds(serving))
                .template(template)
                .build();
    }

    /** Node provisioning plus the model-load budget; the default 600 s would call a slow GPU scale-up a failure. */
    static int rolloutBudgetSeconds(ServingSettings serving) {
        return (int) NODE_PROVISIONING_ALLOWANCE.toSeconds() + serving.startupTimeoutSeconds();
    }

    /** Pulumi waits for the rollout; give up only after Kubernetes itself would have reported it stuck. */
    private static CustomTimeouts rolloutTimeouts(ServingSettings serving) {
        Duration budget = Duration.ofSeconds(rolloutBudgetSeconds(serving)).plusMinutes(1);
        return CustomTimeouts.builder().create(budget).update(budget).build();
    }

    private ObjectMetaArgs serviceMetadata(ServingSettings.Service service) {
        var meta = ObjectMetaArgs.builder().name(workload).namespace(namespaceName).labels(labels);
        if (service.internal()) {
            meta.annotations(Map.of(INTERNAL_LB_ANNOTATION, "Internal"));
        }
        return meta.build();
    }

    /**
     * {@code externalTrafficPolicy: Local}: the load balancer sends only to nodes with a ready serving pod
     * (no second hop through another node) and clients' addresses reach the pods.
     */
    private ServiceSpecArgs serviceSpec(ServingSettings.Service service, Optional<Address> address) {
        var spec = ServiceSpecArgs.builder()
                .type("LoadBalancer")
                .selector(selectorLabels)
                .externalTrafficPolicy("Local")
                .ports(servicePort(ServingPod.HTTP, TfServingFlags.REST_PORT), servicePort(ServingPod.GRPC, TfServingFlags.GRPC_PORT));
        if (!service.sourceRanges().isEmpty()) {
            spec.loadBalancerSourceRanges(service.sourceRanges());
        }
        address.ifPresent(a -> spec.loadBalancerIP(a.address()));
        return spec.build();
    }

    private static ServicePortArgs servicePort(String name, int port) {
        return ServicePortArgs.builder().name(name).port(port).targetPort(name).protocol("TCP").build();
    }

    /**
     * Scaling is driven by CPU: TF Serving's request handling and batching show up there, and it needs no
     * metrics adapter. Behaviour, tuned for replicas that each take a GPU node and minutes to become ready:
     * <ul>
     *   <li>up: no stabilisation, and up to double (at least 2 pods) per minute, so a burst is met as soon
     *       as it shows, since capacity arrives late anyway;</li>
     *   <li>down: a 10-minute stabilisation window and one pod per 2 minutes, because a replica given back
     *       too eagerly costs a node scale-up and a model load to get back.</li>
     * </ul>
     */
    private HorizontalPodAutoscalerSpecArgs autoscalerSpec(ServingSettings.Autoscaling autoscaling, Output<String> deploymentName) {
        return HorizontalPodAutoscalerSpecArgs.builder()
                .scaleTargetRef(CrossVersionObjectReferenceArgs.builder()
                        .apiVersion("apps/v1").kind("Deployment").name(deploymentName).build())
                .minReplicas(autoscaling.minReplicas())
                .maxReplicas(autoscaling.maxReplicas())
                .metrics(MetricSpecArgs.builder()
                        .type("Resource")
                        .resource(ResourceMetricSourceArgs.builder()
                                .name("cpu")
                                .target(MetricTargetArgs.builder()
                                        .type("Utilization").averageUtilization(autoscaling.targetCpuUtilization()).build())
                                .build())
                        .build())
                .behavior(HorizontalPodAutoscalerBehaviorArgs.builder()
                        .scaleUp(HPAScalingRulesArgs.builder()
                                .stabilizationWindowSeconds(0)
                                .selectPolicy("Max")
                                .policies(scalingPolicy("Percent", 100, 60), scalingPolicy("Pods", 2, 60))
                                .build())
                        .scaleDown(HPAScalingRulesArgs.builder()
                                .stabilizationWindowSeconds(600)
                                .policies(scalingPolicy("Pods", 1, 120))
                                .build())
                        .build())
                .build();
    }

    private static HPAScalingPolicyArgs scalingPolicy(String type, int value, int periodSeconds) {
        return HPAScalingPolicyArgs.builder().type(type).value(value).periodSeconds(periodSeconds).build();
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

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        var copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return Map.copyOf(copy);
    }
}
