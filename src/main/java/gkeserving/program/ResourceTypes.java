package gkeserving.program;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.docker.Image;
import com.pulumi.gcp.artifactregistry.Repository;
import com.pulumi.gcp.artifactregistry.RepositoryIamMember;
import com.pulumi.gcp.compute.Address;
import com.pulumi.gcp.compute.Network;
import com.pulumi.gcp.compute.Router;
import com.pulumi.gcp.compute.RouterNat;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.container.NodePool;
import com.pulumi.gcp.kms.CryptoKey;
import com.pulumi.gcp.kms.CryptoKeyIAMMember;
import com.pulumi.gcp.kms.KeyRing;
import com.pulumi.gcp.monitoring.AlertPolicy;
import com.pulumi.gcp.monitoring.Dashboard;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.Service;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.apps.v1.DaemonSet;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.ResourceQuota;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.resources.Resource;
import gkeserving.program.autoscaling.CustomObject;

/**
 * The resource type tokens the program registers, in one place for the program, the gate, the render and
 * the tests. Provider tokens are read from the SDK class's own {@code @ResourceType}, so none is spelled by
 * hand; the program's components are named here.
 */
public final class ResourceTypes {
    public static final String PROJECT_SERVICES_COMPONENT = "gke-gpu-serving:infra:ProjectServices";
    public static final String NETWORK_COMPONENT = "gke-gpu-serving:infra:ClusterNetwork";
    public static final String GKE_CLUSTER_COMPONENT = "gke-gpu-serving:infra:GkeCluster";
    public static final String DEVICE_PLUGIN_COMPONENT = "gke-gpu-serving:infra:NvidiaDevicePlugin";
    public static final String SERVING_IMAGE_COMPONENT = "gke-gpu-serving:image:ServingImage";
    public static final String TF_SERVING_COMPONENT = "gke-gpu-serving:serving:TfServing";
    public static final String KEDA_AUTOSCALING_COMPONENT = "gke-gpu-serving:serving:KedaAutoscaling";
    public static final String OBSERVABILITY_COMPONENT = "gke-gpu-serving:observability:ServingObservability";

    public static final String PROJECT_SERVICE = of(Service.class);
    public static final String NETWORK = of(Network.class);
    public static final String SUBNETWORK = of(Subnetwork.class);
    public static final String CLUSTER = of(Cluster.class);
    public static final String NODE_POOL = of(NodePool.class);
    public static final String SERVICE_ACCOUNT = of(Account.class);
    public static final String PROJECT_IAM_MEMBER = of(IAMMember.class);
    public static final String REPOSITORY = of(Repository.class);
    public static final String REPOSITORY_IAM_MEMBER = of(RepositoryIamMember.class);
    public static final String KMS_KEY_RING = of(KeyRing.class);
    public static final String KMS_CRYPTO_KEY = of(CryptoKey.class);
    public static final String KMS_CRYPTO_KEY_IAM_MEMBER = of(CryptoKeyIAMMember.class);
    public static final String ROUTER = of(Router.class);
    public static final String ROUTER_NAT = of(RouterNat.class);
    public static final String ADDRESS = of(Address.class);
    public static final String DOCKER_IMAGE = of(Image.class);
    public static final String KUBERNETES_PROVIDER = of(Provider.class);
    public static final String HELM_RELEASE = of(Release.class);
    public static final String NAMESPACE = of(Namespace.class);
    public static final String RESOURCE_QUOTA = of(ResourceQuota.class);
    public static final String CONFIG_MAP = of(ConfigMap.class);
    public static final String SECRET = of(Secret.class);
    public static final String K8S_SERVICE_ACCOUNT = of(ServiceAccount.class);
    public static final String K8S_SERVICE = of(com.pulumi.kubernetes.core.v1.Service.class);
    public static final String DAEMON_SET = of(DaemonSet.class);
    public static final String DEPLOYMENT = of(Deployment.class);
    public static final String HPA = of(HorizontalPodAutoscaler.class);
    public static final String PDB = of(PodDisruptionBudget.class);
    public static final String NETWORK_POLICY = of(NetworkPolicy.class);
    public static final String SERVICE_ACCOUNT_IAM_MEMBER = of(com.pulumi.gcp.serviceaccount.IAMMember.class);
    public static final String ALERT_POLICY = of(AlertPolicy.class);
    public static final String DASHBOARD = of(Dashboard.class);
    public static final String POD_MONITORING = CustomObject.Definition.token("monitoring.googleapis.com/v1", "PodMonitoring");
    public static final String CLUSTER_POD_MONITORING =
            CustomObject.Definition.token("monitoring.googleapis.com/v1", "ClusterPodMonitoring");
    public static final String SCALED_OBJECT = CustomObject.Definition.token("keda.sh/v1alpha1", "ScaledObject");
    public static final String TRIGGER_AUTHENTICATION = CustomObject.Definition.token("keda.sh/v1alpha1", "TriggerAuthentication");
    public static final String HTTP_SCALED_OBJECT = CustomObject.Definition.token("http.keda.sh/v1alpha1", "HTTPScaledObject");

    private ResourceTypes() {
    }

    /** The token the engine knows a resource class by. */
    public static String of(Class<? extends Resource> type) {
        ResourceType token = type.getAnnotation(ResourceType.class);
        if (token == null) {
            throw new IllegalArgumentException(type.getName() + " carries no @ResourceType");
        }
        return token.type();
    }
}
