package gkeserving.program.cluster;

import gkeserving.program.ResourceTypes;
import com.pulumi.core.Output;
import com.pulumi.gcp.artifactregistry.RepositoryIamMember;
import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.container.NodePool;
import com.pulumi.gcp.kms.CryptoKey;
import com.pulumi.gcp.kms.CryptoKeyIAMMember;
import com.pulumi.gcp.kms.KeyRing;
import com.pulumi.gcp.organizations.OrganizationsFunctions;
import com.pulumi.gcp.organizations.outputs.GetProjectResult;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import gkeserving.program.config.ArtifactRegistry;
import gkeserving.program.config.ClusterSettings;
import gkeserving.program.config.CpuPoolSettings;
import gkeserving.program.config.GcpSettings;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.ImageReference;
import gkeserving.program.config.Settings;
import gkeserving.program.network.ClusterNetwork;
import gkeserving.program.project.ProjectApi;
import gkeserving.program.project.ProjectServices;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GKE Standard cluster for GPU serving: VPC-native on the stack's network, Workload Identity, shielded nodes, a
 * dedicated least-privilege node identity, an autoscaled CPU pool for system workloads and an autoscaled
 * (optionally scale-to-zero) GPU pool that only GPU-tolerating pods can land on. Each object's args come from its
 * own builder ({@link NodeIdentity}, {@link ControlPlane}, {@link NodePools}); each object waits for the APIs it calls.
 */
public final class GkeCluster extends ComponentResource {

    /**
     * @param registry the stack's own repository, which the nodes pull the serving image from
     * @param pullFrom other repositories the nodes pull from: the one a promoted digest lives in
     */
    public record Args(String stack, GcpSettings gcp, ClusterSettings cluster, CpuPoolSettings cpuPool,
                       GpuPoolSettings gpuPool, boolean protect, ArtifactRegistry registry, List<ArtifactRegistry> pullFrom) {

        /** A promoted image stays in the registry it was built in: the nodes must be able to pull from there. */
        public static Args of(Settings settings) {
            ArtifactRegistry own = ArtifactRegistry.of(settings.gcp(), settings.image());
            List<ArtifactRegistry> pullFrom = settings.image().existingImage().flatMap(ImageReference::registry)
                    .filter(repo -> !repo.equals(own)).stream().toList();
            return new Args(settings.stack(), settings.gcp(), settings.cluster(), settings.cpuPool(), settings.gpuPool(),
                    settings.protect(), own, pullFrom);
        }
    }

    /**
     * What the cluster is built on, all created before it.
     *
     * @param repository the stack's own repository's id, an output of the registry so that the nodes' read grant waits for it
     */
    public record Foundation(ProjectServices apis, ClusterNetwork network, Output<String> repository) {
    }

    public final Cluster cluster;
    public final Account nodeServiceAccount;
    public final NodePool cpuPool;
    public final NodePool gpuPool;
    public final Output<String> name;
    public final Output<String> location;
    public final Output<String> endpoint;
    /** Secret: it names the endpoint and CA of the cluster. */
    public final Output<String> kubeconfig;
    /** Kubernetes provider bound to this cluster; every in-cluster object uses it, never the ambient kubeconfig. */
    public final Provider kubernetesProvider;

    /**
     * The KMS key that encrypts the cluster's Secrets, when on; GKE checks on create that its service agent
     * may use the key, so the cluster waits for the grant ({@code clusterNeeds}). Protected with the cluster.
     */
    private Optional<Output<String>> secretsKey(String name, Args args, ProjectServices apis, List<Resource> clusterNeeds) {
        if (!args.cluster().hardening().secretsEncryption()) {
            return Optional.empty();
        }
        var kept = CustomResourceOptions.builder().parent(this).protect(args.protect())
                .dependsOn(apis.of(ProjectApi.CLOUD_KMS)).build();
        var ring = new KeyRing(name + "-keyring", SecretsEncryption.keyRing(args.stack(), args.gcp(), args.cluster()), kept);
        var key = new CryptoKey(name + "-secrets-key", SecretsEncryption.key(ring.id()), kept);
        Output<String> number = OrganizationsFunctions.getProject(SecretsEncryption.projectLookup(args.gcp()))
                .applyValue(GetProjectResult::number);
        clusterNeeds.add(new CryptoKeyIAMMember(name + "-secrets-key-gke", SecretsEncryption.grant(key.id(), number),
                CustomResourceOptions.builder().parent(this).build()));
        return Optional.of(key.id());
    }

    public GkeCluster(String name, Args args, Foundation on, ComponentResourceOptions options) {
        super(ResourceTypes.GKE_CLUSTER_COMPONENT, name, options);
        ProjectServices apis = on.apis();

        this.nodeServiceAccount = new Account(name + "-nodes", NodeIdentity.account(args.stack(), args.gcp()),
                after(apis.of(ProjectApi.IAM)));
        Output<String> member = nodeServiceAccount.email().applyValue(email -> "serviceAccount:" + email);
        List<Resource> grants = grants(name, args, on, member);

        // GKE reports the cluster's nodeConfig as its first pool's, which the provider (v5, ForceNew, gcfsConfig
        // not computed) would diff against the identity-only nodeConfig sent here and replace the cluster on
        // every update (pulumi-gcp#744; docs/replace-on-change.md). It only shapes the removed default pool.
        List<Resource> clusterNeeds = new ArrayList<>(apis.of(ProjectApi.CONTAINER, ProjectApi.COMPUTE, ProjectApi.LOGGING,
                ProjectApi.MONITORING));
        if (args.cluster().hardening().binaryAuthorization()) {
            clusterNeeds.addAll(apis.of(ProjectApi.BINARY_AUTHORIZATION));
        }
        Optional<Output<String>> secretsKey = secretsKey(name, args, apis, clusterNeeds);
        this.cluster = new Cluster(name + "-cluster", ControlPlane.args(args, on.network().nodeNetwork, nodeServiceAccount.email(),
                secretsKey),
                CustomResourceOptions.builder().parent(this).protect(args.protect()).ignoreChanges("nodeConfig")
                        .dependsOn(clusterNeeds).build());
        // Nodes start only once their identity may pull images and write logs, and private nodes once they have
        // egress. The initial count is per zone and only used at creation; the autoscaler owns the size after that,
        // so a later change of the bounds must not replace the pool (initialNodeCount forces replacement).
        List<Resource> poolDependencies = new ArrayList<>(apis.of(ProjectApi.CONTAINER, ProjectApi.COMPUTE,
                ProjectApi.CONTAINER_FILESYSTEM));
        poolDependencies.addAll(grants);
        poolDependencies.addAll(on.network().egress());
        var poolOptions = CustomResourceOptions.builder().parent(this).dependsOn(poolDependencies)
                .ignoreChanges("initialNodeCount").build();
        this.cpuPool = new NodePool(name + "-cpu", NodePools.cpu(args, cluster.name(), nodeServiceAccount.email()), poolOptions);
        this.gpuPool = new NodePool(name + "-gpu", NodePools.gpu(args, cluster.name(), nodeServiceAccount.email()), poolOptions);

        this.name = cluster.name();
        this.location = cluster.location();
        this.endpoint = cluster.endpoint();
        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.masterAuth())
                .applyValue(t -> Kubeconfig.render(Kubeconfig.contextName(args.gcp().project(), args.cluster().location(), t.t1),
                        t.t2, t.t3.clusterCaCertificate().orElse("")))
                .asSecret();
        // The provider waits for both pools: objects it creates need somewhere to run.
        this.kubernetesProvider = new Provider(name + "-k8s", ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(cpuPool, gpuPool).build());

        registerOutputs(Map.of(
                "name", this.name,
                "location", this.location,
                "endpoint", this.endpoint,
                "kubeconfig", this.kubeconfig));
    }

    /**
     * The node account's roles on the project, read on the stack's own repository and on a promoted image's, and
     * for image streaming the use of services in the project that holds such an image.
     */
    private List<Resource> grants(String name, Args args, Foundation on, Output<String> member) {
        ProjectServices apis = on.apis();
        var projectIam = after(apis.of(ProjectApi.CLOUD_RESOURCE_MANAGER, ProjectApi.IAM));
        var repositoryIam = after(apis.of(ProjectApi.ARTIFACT_REGISTRY, ProjectApi.IAM));
        List<Resource> grants = new ArrayList<>();
        for (String role : NodeIdentity.projectRoles(NodePools.IMAGE_STREAMING)) {
            grants.add(new IAMMember(name + "-nodes-" + roleName(role),
                    NodeIdentity.projectRole(args.gcp().project(), role, member), projectIam));
        }
        grants.add(new RepositoryIamMember(name + "-nodes-pull-" + args.registry().repository(),
                NodeIdentity.pullFrom(args.registry(), on.repository(), member), repositoryIam));
        for (ArtifactRegistry repo : args.pullFrom()) {
            grants.add(new RepositoryIamMember(name + "-nodes-pull-" + repo.project() + "-" + repo.repository(),
                    NodeIdentity.pullFrom(repo, Output.of(repo.repository()), member), repositoryIam));
        }
        if (NodePools.IMAGE_STREAMING) {
            args.pullFrom().stream().map(ArtifactRegistry::project).filter(p -> !p.equals(args.gcp().project())).distinct()
                    .forEach(project -> grants.add(new IAMMember(name + "-nodes-" + roleName(NodeIdentity.STREAMING_ROLE) + "-" + project,
                            NodeIdentity.projectRole(project, NodeIdentity.STREAMING_ROLE, member), projectIam)));
        }
        return grants;
    }

    private static String roleName(String role) {
        return role.substring(role.indexOf('/') + 1);
    }

    /** A child of this component that waits for {@code dependencies}. */
    private CustomResourceOptions after(List<Resource> dependencies) {
        return CustomResourceOptions.builder().parent(this).dependsOn(dependencies).build();
    }
}
