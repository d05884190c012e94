package gkeserving.program.cluster;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.Router;
import com.pulumi.gcp.compute.RouterArgs;
import com.pulumi.gcp.compute.RouterNat;
import com.pulumi.gcp.compute.RouterNatArgs;
import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.container.ClusterArgs;
import com.pulumi.gcp.container.NodePool;
import com.pulumi.gcp.container.NodePoolArgs;
import com.pulumi.gcp.artifactregistry.RepositoryIamMember;
import com.pulumi.gcp.artifactregistry.RepositoryIamMemberArgs;
import com.pulumi.gcp.container.inputs.ClusterIpAllocationPolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterNodeConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigCidrBlockArgs;
import com.pulumi.gcp.container.inputs.ClusterPrivateClusterConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterReleaseChannelArgs;
import com.pulumi.gcp.container.inputs.ClusterWorkloadIdentityConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolAutoscalingArgs;
import com.pulumi.gcp.container.inputs.NodePoolManagementArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGcfsConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigGuestAcceleratorGpuSharingConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigShieldedInstanceConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigTaintArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigWorkloadMetadataConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolUpgradeSettingsArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import gkeserving.program.config.ClusterSettings;
import gkeserving.program.config.CpuPoolSettings;
import gkeserving.program.config.GcpSettings;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.ArtifactRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A GKE Standard cluster for GPU serving: VPC-native, Workload Identity, shielded nodes, a dedicated
 * least-privilege node identity, an autoscaled CPU pool for system workloads and an autoscaled
 * (optionally scale-to-zero) GPU pool that only GPU-tolerating pods can land on.
 */
public final class GkeCluster extends ComponentResource {
    public static final String TYPE = "gke-gpu-serving:infra:GkeCluster";

    /** Roles a node needs and nothing more: write logs and metrics, pull images from Artifact Registry. */
    public static final List<String> NODE_ROLES = List.of(
            "roles/logging.logWriter",
            "roles/monitoring.metricWriter",
            "roles/artifactregistry.reader");
    /** What the nodes need in another project to pull an image promoted from there. */
    public static final String PULL_ROLE = "roles/artifactregistry.reader";

    /** @param pullFrom other projects' registry repositories the nodes pull images from (a promoted digest) */
    public record Args(String stack, GcpSettings gcp, ClusterSettings cluster, CpuPoolSettings cpuPool,
                       GpuPoolSettings gpuPool, boolean protect, List<ArtifactRegistry> pullFrom) {
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

    public GkeCluster(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        this.nodeServiceAccount = new Account(name + "-nodes", AccountArgs.builder()
                .project(args.gcp().project())
                .accountId(nodeAccountId(args.stack()))
                .displayName("GKE nodes of gke-gpu-serving (" + args.stack() + ")")
                .build(), child);
        Output<String> member = nodeServiceAccount.email().applyValue(email -> "serviceAccount:" + email);
        List<Resource> grants = new ArrayList<>();
        for (String role : NODE_ROLES) {
            grants.add(new IAMMember(name + "-nodes-" + role.substring(role.indexOf('/') + 1), IAMMemberArgs.builder()
                    .project(args.gcp().project()).role(role).member(member).build(), child));
        }
        // Only the one repository, not the whole other project: prod's nodes need staging's image, nothing else there.
        for (ArtifactRegistry repo : args.pullFrom()) {
            grants.add(new RepositoryIamMember(name + "-nodes-pull-" + repo.project() + "-" + repo.repository(),
                    RepositoryIamMemberArgs.builder().project(repo.project()).location(repo.location())
                            .repository(repo.repository()).role(PULL_ROLE).member(member).build(), child));
        }

        if (args.cluster().privateNodes()) {
            privateEgress(name, args, child);
        }

        this.cluster = new Cluster(name + "-cluster", clusterArgs(args),
                CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        // Nodes start only once their identity may pull images and write logs. The initial count is
        // per zone and only used at creation; the autoscaler owns the size after that, so a later
        // change of the bounds must not replace the pool (initialNodeCount forces replacement).
        var poolOptions = CustomResourceOptions.builder().parent(this).dependsOn(grants)
                .ignoreChanges("initialNodeCount").build();
        this.cpuPool = new NodePool(name + "-cpu", cpuPoolArgs(args), poolOptions);
        this.gpuPool = new NodePool(name + "-gpu", gpuPoolArgs(args), poolOptions);

        this.name = cluster.name();
        this.location = cluster.location();
        this.endpoint = cluster.endpoint();
        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.masterAuth())
                .applyValue(t -> Kubeconfig.render(
                        "gke_" + args.gcp().project() + "_" + args.cluster().location() + "_" + t.t1,
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

    /** The initial count is per zone: enough in each to reach the pool's minimum at creation (0 scales from zero). */
    static int initialNodesPerZone(GpuPoolSettings gpu) {
        int zones = Math.max(1, gpu.zones().size());
        return (gpu.minNodes() + zones - 1) / zones;
    }

    /** Service account ids are 6..30 characters of [a-z0-9-], starting with a letter. */
    static String nodeAccountId(String stack) {
        String id = ("gke-nodes-" + stack.toLowerCase().replaceAll("[^a-z0-9-]", "-"));
        id = id.length() > 30 ? id.substring(0, 30) : id;
        return id.replaceAll("-+$", "");
    }

    private ClusterArgs clusterArgs(Args args) {
        ClusterSettings c = args.cluster();
        var builder = ClusterArgs.builder()
                .project(args.gcp().project())
                .location(c.location())
                // Pools are managed as their own resources; GKE still insists on creating a default one first,
                // which must not run as the default compute service account either.
                .removeDefaultNodePool(true)
                .initialNodeCount(1)
                .nodeConfig(ClusterNodeConfigArgs.builder()
                        .serviceAccount(nodeServiceAccount.email())
                        .oauthScopes("https://www.googleapis.com/auth/cloud-platform")
                        .build())
                .networkingMode("VPC_NATIVE")
                .ipAllocationPolicy(ClusterIpAllocationPolicyArgs.builder().stackType("IPV4").build())
                .releaseChannel(ClusterReleaseChannelArgs.builder().channel(c.releaseChannel().name()).build())
                .workloadIdentityConfig(ClusterWorkloadIdentityConfigArgs.builder()
                        .workloadPool(args.gcp().workloadPool()).build())
                .enableShieldedNodes(true)
                .deletionProtection(c.deletionProtection())
                .resourceLabels(Map.of("app", "gke-gpu-serving", "env", args.stack()));
        c.name().ifPresent(builder::name);
        if (c.privateNodes()) {
            builder.privateClusterConfig(ClusterPrivateClusterConfigArgs.builder()
                    .enablePrivateNodes(true)
                    .enablePrivateEndpoint(false)
                    .masterIpv4CidrBlock(c.masterIpv4CidrBlock())
                    .build());
        }
        if (!c.masterAuthorizedNetworks().isEmpty()) {
            builder.masterAuthorizedNetworksConfig(ClusterMasterAuthorizedNetworksConfigArgs.builder()
                    .cidrBlocks(c.masterAuthorizedNetworks().stream()
                            .map(cidr -> ClusterMasterAuthorizedNetworksConfigCidrBlockArgs.builder()
                                    .cidrBlock(cidr).displayName("authorized " + cidr).build())
                            .toList())
                    .build());
        }
        return builder.build();
    }

    /** Settings every node of either pool shares: identity, metadata server, boot integrity, image streaming. */
    private NodePoolNodeConfigArgs.Builder baseNodeConfig(String machineType, int diskSizeGb, Map<String, String> labels) {
        return NodePoolNodeConfigArgs.builder()
                .machineType(machineType)
                .diskSizeGb(diskSizeGb)
                .diskType("pd-balanced")
                .imageType("COS_CONTAINERD")
                .serviceAccount(nodeServiceAccount.email())
                // Access is governed by the service account's IAM roles; the scope only stops being a second gate.
                .oauthScopes("https://www.googleapis.com/auth/cloud-platform")
                .workloadMetadataConfig(NodePoolNodeConfigWorkloadMetadataConfigArgs.builder().mode("GKE_METADATA").build())
                .shieldedInstanceConfig(NodePoolNodeConfigShieldedInstanceConfigArgs.builder()
                        .enableSecureBoot(true).enableIntegrityMonitoring(true).build())
                .gcfsConfig(NodePoolNodeConfigGcfsConfigArgs.builder().enabled(true).build())
                .labels(labels);
    }

    private NodePoolArgs.Builder basePool(Args args, int minNodes, int maxNodes, String locationPolicy) {
        return NodePoolArgs.builder()
                .project(args.gcp().project())
                .cluster(cluster.name())
                .location(args.cluster().location())
                // Total counts: the bounds hold for the pool as a whole, however many zones it spans.
                .autoscaling(NodePoolAutoscalingArgs.builder()
                        .totalMinNodeCount(minNodes)
                        .totalMaxNodeCount(maxNodes)
                        .locationPolicy(locationPolicy)
                        .build())
                .management(NodePoolManagementArgs.builder().autoRepair(true).autoUpgrade(true).build());
    }

    private NodePoolArgs cpuPoolArgs(Args args) {
        CpuPoolSettings cpu = args.cpuPool();
        return basePool(args, cpu.minNodes(), cpu.maxNodes(), "BALANCED")
                .initialNodeCount(1)
                .nodeConfig(baseNodeConfig(cpu.machineType(), cpu.diskSizeGb(), Map.of("gke-gpu-serving/pool", "cpu")).build())
                .build();
    }

    private NodePoolArgs gpuPoolArgs(Args args) {
        GpuPoolSettings gpu = args.gpuPool();
        var accelerator = NodePoolNodeConfigGuestAcceleratorArgs.builder()
                .type(gpu.accelerator())
                .count(gpu.acceleratorCount())
                .gpuDriverInstallationConfig(NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfigArgs.builder()
                        .gpuDriverVersion(GpuScheduling.driverInstallation(gpu)).build());
        switch (gpu.sharing().strategy()) {
            case TIME_SHARING -> accelerator.gpuSharingConfig(NodePoolNodeConfigGuestAcceleratorGpuSharingConfigArgs.builder()
                    .gpuSharingStrategy("TIME_SHARING")
                    .maxSharedClientsPerGpu(gpu.sharing().maxSharedClientsPerGpu().orElseThrow())
                    .build());
            case MIG -> accelerator.gpuPartitionSize(gpu.sharing().partitionSize().orElseThrow());
            case NONE -> { }
        }
        var nodeConfig = baseNodeConfig(gpu.machineType(), gpu.diskSizeGb(), GpuScheduling.gpuNodeLabels(gpu))
                .guestAccelerators(accelerator.build())
                .spot(gpu.spot())
                // Set explicitly: GKE adds it by itself only when a non-GPU pool already exists.
                .taints(NodePoolNodeConfigTaintArgs.builder()
                        .key(GpuScheduling.TAINT_KEY)
                        .value(GpuScheduling.TAINT_VALUE)
                        .effect(GpuScheduling.TAINT_EFFECT_GKE)
                        .build());
        // ANY lets the autoscaler take GPUs from whichever zone has them: GPU (and spot) capacity is scarce.
        var pool = basePool(args, gpu.minNodes(), gpu.maxNodes(), "ANY")
                .initialNodeCount(initialNodesPerZone(gpu))
                .nodeConfig(nodeConfig.build())
                // Surge one node at a time, never take a serving node away before its replacement is up.
                .upgradeSettings(NodePoolUpgradeSettingsArgs.builder().maxSurge(1).maxUnavailable(0).build());
        if (!gpu.zones().isEmpty()) {
            pool.nodeLocations(gpu.zones());
        }
        return pool.build();
    }

    /** Private nodes have no public IPs: Cloud NAT gives them egress to pull public images (NVIDIA's, TF Serving's base). */
    private void privateEgress(String name, Args args, CustomResourceOptions child) {
        var router = new Router(name + "-router", RouterArgs.builder()
                .project(args.gcp().project())
                .region(args.cluster().region())
                .network("default")
                .build(), child);
        new RouterNat(name + "-nat", RouterNatArgs.builder()
                .project(args.gcp().project())
                .region(args.cluster().region())
                .router(router.name())
                .natIpAllocateOption("AUTO_ONLY")
                .sourceSubnetworkIpRangesToNat("ALL_SUBNETWORKS_ALL_IP_RANGES")
                .build(), child);
    }
}
