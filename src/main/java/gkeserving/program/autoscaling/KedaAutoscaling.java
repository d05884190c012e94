package gkeserving.program.autoscaling;

import gkeserving.program.project.ProjectApi;
import gkeserving.program.project.ProjectServices;
import com.pulumi.core.Output;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import gkeserving.program.ResourceTypes;
import gkeserving.program.config.GcpSettings;
import gkeserving.program.config.ServingSettings;
import gkeserving.program.config.Settings;
import gkeserving.program.observability.ServingQueries;
import gkeserving.program.serving.ServingLabels;

import java.util.List;
import java.util.Optional;

/**
 * The serving Deployment's replica count, KEDA's: KEDA with its Managed Prometheus identity, a ScaledObject
 * on the chosen metric and, for scale to zero, the HTTP add-on whose interceptor holds requests while the first
 * replica starts. Each custom resource depends on the release that installs its CRD, so a preview on a cluster
 * without them does not fail (pulumi-kubernetes #3176, #3188).
 */
public final class KedaAutoscaling extends ComponentResource {

    /**
     * @param namespace  the serving namespace (created by TfServing)
     * @param deployment the serving Deployment, which the ScaledObject scales
     */
    public record Args(String stack, GcpSettings gcp, ServingSettings serving, ServingLabels labels,
                       Provider kubernetesProvider, Output<String> namespace, Resource deployment) {
        public static Args of(Settings settings, ServingLabels labels, Provider kubernetesProvider, Output<String> namespace,
                              Resource deployment) {
            return new Args(settings.stack(), settings.gcp(), settings.serving(), labels, kubernetesProvider, namespace, deployment);
        }
    }

    public final Account identity;
    public final IAMMember viewer;
    public final Release keda;
    public final CustomObject scaledObject;
    public final Optional<Release> httpAddOn;
    public final List<CustomObject> httpScaledObjects;

    /** @param apis the project's APIs: the identity and its grants wait for IAM and Resource Manager */
    public KedaAutoscaling(String name, Args args, ProjectServices apis, ComponentResourceOptions options) {
        super(ResourceTypes.KEDA_AUTOSCALING_COMPONENT, name, options);
        ServingSettings.Autoscaling a = args.serving().autoscaling();
        var iam = CustomResourceOptions.builder().parent(this).dependsOn(apis.of(ProjectApi.IAM)).build();
        this.identity = new Account(name + "-sa", KedaInstall.account(args.stack(), args.gcp()), iam);
        this.viewer = new IAMMember(name + "-monitoring-viewer", KedaInstall.viewer(args.gcp(), identity.email()),
                CustomResourceOptions.builder().parent(this)
                        .dependsOn(apis.of(ProjectApi.CLOUD_RESOURCE_MANAGER, ProjectApi.IAM)).build());
        var binding = new com.pulumi.gcp.serviceaccount.IAMMember(name + "-workload-identity",
                KedaInstall.workloadIdentity(args.gcp(), identity.name()), iam);

        var k8s = CustomResourceOptions.builder().provider(args.kubernetesProvider()).parent(this).build();
        // The operator must be able to read metrics as soon as it runs.
        this.keda = new Release(name + "-keda", KedaInstall.keda(identity.email()),
                CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().dependsOn(viewer, binding).build()));
        var auth = new CustomObject(name + "-auth", Scalers.triggerAuthentication(args.labels(), args.namespace()), after(k8s, keda));
        var queries = new ServingQueries(args.serving().namespace(), args.labels().workload());

        // Not after the Deployment: the model's load balancer Service waits for the interceptor's pods, and
        // the first rollout waits for a GPU node; the two proceed in parallel.
        this.httpAddOn = a.scaleToZero()
                ? Optional.of(new Release(name + "-http-add-on", KedaInstall.httpAddOn(args.serving(), args.namespace()), after(k8s, keda)))
                : Optional.empty();
        this.httpScaledObjects = httpAddOn.map(release -> List.of(Scalers.Route.values()).stream()
                .map(route -> new CustomObject(name + "-http-" + route.name().toLowerCase(),
                        Scalers.httpScaledObject(args.labels(), args.namespace(), a, route), after(k8s, release, args.deployment())))
                .toList()).orElse(List.of());

        Resource[] before = httpAddOn.isPresent()
                ? new Resource[]{keda, auth, args.deployment(), httpAddOn.get()}
                : new Resource[]{keda, auth, args.deployment()};
        this.scaledObject = new CustomObject(name + "-scaledobject",
                Scalers.scaledObject(args.labels(), args.namespace(), a, args.gcp().project(), queries), after(k8s, before));
        registerOutputs(java.util.Map.of("identity", identity.email()));
    }

    private static CustomResourceOptions after(CustomResourceOptions base, Resource... dependencies) {
        return CustomResourceOptions.merge(base, CustomResourceOptions.builder().dependsOn(dependencies).build());
    }
}
