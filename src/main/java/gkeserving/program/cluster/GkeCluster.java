package gkeserving.program.cluster;

import gkeserving.program.ResourceTypes;
import com.pulumi.core.Output;
import com.pulumi.gcp.artifactregistry.RepositoryIamMember;
import com.pulumi.gcp.compute.Router;
import com.pulumi.gcp.compute.RouterNat;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GKE Standard cluster for GPU serving: VPC-native, Workload Identity, shielded nodes, a dedicated
 * least-privilege node identity, an autoscaled CPU pool for system workloads and an autoscaled
 * (optionally scale-to-zero) GPU pool that only GPU-tolerating pods can land on. Each object's args come
 * from its own builder ({@link NodeIdentity}, {@link PrivateEgress}, {@link ControlPlane}, {@link NodePools}).
 */
public final class GkeCluster extends ComponentResource {

    /** @param pullFrom other projects' registry repositories the nodes pull images from (a promoted digest) */
    public record Args(String stack, GcpSettings gcp, ClusterSettings cluster, CpuPoolSettings cpuPool,
                       GpuPoolSettings gpuPool, boolean protect, List<ArtifactRegistry> pullFrom) {

        /** A promoted image stays in the registry it was built in: the nodes must be able to pull from there. */
        public static Args of(Settings settings) {
            List<ArtifactRegistry> pullFrom = settings.image().existingImage().flatMap(ImageReference::registry)
                    .filter(repo -> !repo.project().equals(settings.gcp().project())).stream().toList();
            return new Args(settings.stack(), settings.gcp(), settings.cluster(), settings.cpuPool(), settings.gpuPool(),
                    settings.protect(), pullFrom);
        }
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
    private Optional<Output<String>> secretsKey(String name, Args args, List<Resource> clusterNeeds) {
        if (!args.cluster().hardening().secretsEncryption()) {
            return Optional.empty();
        }
        var kept = CustomResourceOptions.builder().parent(this).protect(args.protect()).build();
        var ring = new KeyRing(name + "-keyring", SecretsEncryption.keyRing(args.stack(), args.gcp(), args.cluster()), kept);
        var key = new CryptoKey(name + "-secrets-key", SecretsEncryption.key(ring.id()), kept);
        Output<String> number = OrganizationsFunctions.getProject(SecretsEncryption.projectLookup(args.gcp()))
                .applyValue(GetProjectResult::number);
        clusterNeeds.add(new CryptoKeyIAMMember(name + "-secrets-key-gke", SecretsEncryption.grant(key.id(), number),
                CustomResourceOptions.builder().parent(this).build()));
        return Optional.of(key.id());
    }

    public GkeCluster(String name, Args args, ComponentResourceOptions options) {
        super(ResourceTypes.GKE_CLUSTER_COMPONENT, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        this.nodeServiceAccount = new Account(name + "-nodes", NodeIdentity.account(args.stack(), args.gcp()), child);
        Output<String> member = nodeServiceAccount.email().applyValue(email -> "serviceAccount:" + email);
        List<Resource> grants = new ArrayList<>();
        for (String role : NodeIdentity.NODE_ROLES) {
            grants.add(new IAMMember(name + "-nodes-" + role.substring(role.indexOf('/') + 1),
                    NodeIdentity.projectRole(args.gcp(), role, member), child));
        }
        for (ArtifactRegistry repo : args.pullFrom()) {
            grants.add(new RepositoryIamMember(name + "-nodes-pull-" + repo.project() + "-" + repo.repository(),
                    NodeIdentity.pullFrom(repo, member), child));
        }

        if (args.cluster().privateNodes()) {
            var router = new Router(name + "-router", PrivateEgress.router(args.gcp(), args.cluster()), child);
            new RouterNat(name + "-nat", PrivateEgress.nat(args.gcp(), args.cluster(), router.name()), child);
        }

        // GKE reports the cluster's nodeConfig as its first pool's, which the provider (v5, ForceNew, gcfsConfig
        // not computed) would diff against the identity-only nodeConfig sent here and replace the cluster on
        // every update (pulumi-gcp#744; docs/replace-on-change.md). It only shapes the removed default pool.
        List<Resource> clusterNeeds = new ArrayList<>();
        Optional<Output<String>> secretsKey = secretsKey(name, args, clusterNeeds);
        this.cluster = new Cluster(name + "-cluster", ControlPlane.args(args, nodeServiceAccount.email(), secretsKey),
                CustomResourceOptions.builder().parent(this).protect(args.protect()).ignoreChanges("nodeConfig")
                        .dependsOn(clusterNeeds).build());
        // Nodes start only once their identity may pull images and write logs. The initial count is
        // per zone and only used at creation; the autoscaler owns the size after that, so a later
        // change of the bounds must not replace the pool (initialNodeCount forces replacement).
        var poolOptions = CustomResourceOptions.builder().parent(this).dependsOn(grants)
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
}
