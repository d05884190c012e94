package gkeserving.program.cluster;

import gkeserving.program.ResourceTypes;
import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The cluster graph the real program registers for every shipped stack, read from the engine's inputs. */
class GkeClusterTest {
    static final String CLUSTER = ResourceTypes.CLUSTER;
    static final String NODE_POOL = ResourceTypes.NODE_POOL;
    static final String ACCOUNT = ResourceTypes.SERVICE_ACCOUNT;
    static final String IAM_MEMBER = ResourceTypes.PROJECT_IAM_MEMBER;

    static List<String> stacks() {
        return ProgramRun.shippedStackNames().toList();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void clusterIsVpcNativeWithWorkloadIdentityAndNoDefaultPool(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        var s = Fixtures.settings(stack);
        Registration cluster = run.onlyOne(CLUSTER);
        assertThat(at(cluster, "removeDefaultNodePool")).isEqualTo(true);
        assertThat(at(cluster, "networkingMode")).isEqualTo("VPC_NATIVE");
        assertThat(at(cluster, "workloadIdentityConfig.workloadPool")).isEqualTo(s.gcp().project() + ".svc.id.goog");
        assertThat(at(cluster, "enableShieldedNodes")).isEqualTo(true);
        assertThat(at(cluster, "location")).isEqualTo(s.cluster().location());
        assertThat(at(cluster, "releaseChannel.channel")).isEqualTo(s.cluster().releaseChannel().name());
        assertThat(at(cluster, "deletionProtection")).isEqualTo(s.cluster().deletionProtection());
        assertThat(at(cluster, "privateClusterConfig.enablePrivateNodes"))
                .isEqualTo(s.cluster().privateNodes() ? true : null);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void nodesRunAsDedicatedServiceAccountWithOnlyTheRolesTheyNeed(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        Registration account = nodeAccount(run);
        String email = account.inputs().get("accountId") + "@" + Fixtures.settings(stack).gcp().project() + ".iam.gserviceaccount.com";

        // Fails on the code as it was: logging.logWriter, monitoring.metricWriter and a project-wide artifactregistry.reader.
        // KEDA's own grant (component "autoscaling") is not the nodes'.
        List<Registration> grants = run.ofType(IAM_MEMBER).stream().filter(r -> !r.name().startsWith("autoscaling-")).toList();
        assertThat(grants).extracting(r -> at(r, "role")).containsExactlyInAnyOrder(
                "roles/container.defaultNodeServiceAccount", "roles/serviceusage.serviceUsageConsumer");
        assertThat(grants).allSatisfy(r -> assertThat(at(r, "project")).isEqualTo(Fixtures.settings(stack).gcp().project()));
        assertThat(grants).allSatisfy(r -> assertThat(at(r, "member")).isEqualTo("serviceAccount:" + email));
        assertThat(run.ofType(NODE_POOL)).hasSize(2).allSatisfy(pool -> {
            assertThat(at(pool, "nodeConfig.serviceAccount")).isEqualTo(email).asString().doesNotContain("compute@developer");
            assertThat(at(pool, "nodeConfig.workloadMetadataConfig.mode")).isEqualTo("GKE_METADATA");
            assertThat(at(pool, "nodeConfig.shieldedInstanceConfig.enableSecureBoot")).isEqualTo(true);
            assertThat(at(pool, "nodeConfig.gcfsConfig.enabled")).isEqualTo(true);
        });
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void gpuPoolIsAutoscaledTaintedAndCarriesTheConfiguredAccelerator(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        GpuPoolSettings gpu = Fixtures.settings(stack).gpuPool();
        Registration pool = run.one(NODE_POOL, "gke-gpu");

        assertThat(at(pool, "autoscaling.totalMinNodeCount")).isEqualTo((double) gpu.minNodes());
        assertThat(at(pool, "autoscaling.totalMaxNodeCount")).isEqualTo((double) gpu.maxNodes());
        assertThat(at(pool, "nodeConfig.taints")).isEqualTo(List.of(
                Map.of("key", "nvidia.com/gpu", "value", "present", "effect", "NO_SCHEDULE")));
        assertThat(at(pool, "nodeConfig.guestAccelerators[0].type")).isEqualTo(gpu.accelerator());
        assertThat(at(pool, "nodeConfig.guestAccelerators[0].count")).isEqualTo((double) gpu.acceleratorCount());
        assertThat(at(pool, "nodeConfig.machineType")).isEqualTo(gpu.machineType());
        assertThat(at(pool, "nodeConfig.spot")).isEqualTo(gpu.spot());
        assertThat(at(pool, "nodeConfig.labels")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry(GpuScheduling.POOL_LABEL, "gpu");
        if (!gpu.zones().isEmpty()) {
            assertThat(at(pool, "nodeLocations")).isEqualTo(gpu.zones());
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void cpuPoolIsAutoscaledAndUntainted(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        var cpu = Fixtures.settings(stack).cpuPool();
        Registration pool = run.one(NODE_POOL, "gke-cpu");
        assertThat(at(pool, "autoscaling.totalMinNodeCount")).isEqualTo((double) cpu.minNodes());
        assertThat(at(pool, "autoscaling.totalMaxNodeCount")).isEqualTo((double) cpu.maxNodes());
        assertThat(at(pool, "nodeConfig.taints")).isNull();
        assertThat(at(pool, "nodeConfig.guestAccelerators")).isNull();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void kubeconfigIsSecretAndAuthenticatesThroughTheGkeAuthPlugin(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        assertThat(run.outputIsSecret("kubeconfig")).isTrue();
        assertThat((String) run.outputValue("kubeconfig"))
                .contains("command: gke-gcloud-auth-plugin")
                .contains("server: https://<known after up: cluster endpoint>")
                .doesNotContain("token:");
        Registration provider = run.onlyOne(ResourceTypes.KUBERNETES_PROVIDER);
        assertThat((String) at(provider, "kubeconfig")).contains("gke-gcloud-auth-plugin");
    }

    @Test
    void devScalesTheGpuPoolToZero() {
        var pool = ProgramRun.of("dev").assertSucceeded().one(NODE_POOL, "gke-gpu");
        assertThat(at(pool, "autoscaling.totalMinNodeCount")).isEqualTo(0.0);
        assertThat(at(pool, "initialNodeCount")).isEqualTo(0.0);
    }

    @Test
    void privateNodesGetCloudNatForEgress() {
        var prod = ProgramRun.of("prod").assertSucceeded();
        assertThat(prod.ofType(ResourceTypes.ROUTER_NAT)).hasSize(1);
        assertThat(ProgramRun.of("dev").assertSucceeded().ofType(ResourceTypes.ROUTER_NAT)).hasSize(1);
        var publicNodes = ProgramRun.of("dev", Map.of("gke-gpu-serving:cluster",
                "{\"location\":\"us-central1-a\",\"deletionProtection\":false,\"secretsEncryption\":false}"));
        assertThat(publicNodes.assertSucceeded().ofType(ResourceTypes.ROUTER_NAT)).isEmpty();
    }

    @Test
    void timeSharingAndMigReachTheNodePool() {
        var timeShared = ProgramRun.of("dev", Map.of("gke-gpu-serving:gpuPool",
                "{\"machineType\":\"g2-standard-8\",\"accelerator\":\"nvidia-l4\",\"maxNodes\":2,"
                        + "\"sharing\":{\"strategy\":\"time-sharing\",\"maxSharedClientsPerGpu\":4}}")).assertSucceeded();
        var pool = timeShared.one(NODE_POOL, "gke-gpu");
        assertThat(at(pool, "nodeConfig.guestAccelerators[0].gpuSharingConfig.gpuSharingStrategy")).isEqualTo("TIME_SHARING");
        assertThat(at(pool, "nodeConfig.guestAccelerators[0].gpuSharingConfig.maxSharedClientsPerGpu")).isEqualTo(4.0);

        var mig = ProgramRun.of("dev", Map.of("gke-gpu-serving:gpuPool",
                "{\"machineType\":\"a2-highgpu-1g\",\"accelerator\":\"nvidia-tesla-a100\",\"maxNodes\":2,"
                        + "\"sharing\":{\"strategy\":\"mig\",\"partitionSize\":\"1g.5gb\"}}")).assertSucceeded();
        assertThat(at(mig.one(NODE_POOL, "gke-gpu"), "nodeConfig.guestAccelerators[0].gpuPartitionSize")).isEqualTo("1g.5gb");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void nodesMayReadTheStacksOwnRepositoryAndNoOtherOfTheProject(String stack) {
        // Fails on the code as it was: a project-wide artifactregistry.reader, no repository-scoped grant.
        var run = ProgramRun.of(stack).assertSucceeded();
        var s = Fixtures.settings(stack);
        Registration pull = run.onlyOne(ResourceTypes.REPOSITORY_IAM_MEMBER);
        assertThat(pull.name()).isEqualTo("gke-nodes-pull-serving");
        assertThat(pull.inputs()).isEqualTo(Map.of("project", s.gcp().project(), "location", s.gcp().region(),
                "repository", s.image().repository(), "role", "roles/artifactregistry.reader",
                "member", "serviceAccount:gke-nodes-" + stack + "@" + s.gcp().project() + ".iam.gserviceaccount.com"));
    }

    @Test
    void nodesMayPullAnImagePromotedFromAnotherProjectsRegistryAndStreamIt() {
        String staging = "us-central1-docker.pkg.dev/gke-gpu-serving-staging/serving/iris@sha256:" + "a".repeat(64);
        var prod = ProgramRun.of("prod", Map.of("gke-gpu-serving:image", "{\"existingDigest\":\"" + staging + "\"}"))
                .assertSucceeded();
        String member = "serviceAccount:gke-nodes-prod@gke-gpu-serving-prod.iam.gserviceaccount.com";
        Registration pull = prod.one(ResourceTypes.REPOSITORY_IAM_MEMBER,
                "gke-nodes-pull-gke-gpu-serving-staging-serving");
        assertThat(pull.inputs()).isEqualTo(Map.of("project", "gke-gpu-serving-staging", "location", "us-central1",
                "repository", "serving", "role", "roles/artifactregistry.reader", "member", member));
        // Image streaming needs serviceusage.services.use in the project that holds the image.
        // Fails on the code as it was: no grant in the image's project.
        Registration streaming = prod.one(IAM_MEMBER, "gke-nodes-serviceusage.serviceUsageConsumer-gke-gpu-serving-staging");
        assertThat(streaming.inputs()).isEqualTo(Map.of("project", "gke-gpu-serving-staging",
                "role", "roles/serviceusage.serviceUsageConsumer", "member", member));

        String own = "us-central1-docker.pkg.dev/gke-gpu-serving-prod/serving/iris@sha256:" + "b".repeat(64);
        var sameRepository = ProgramRun.of("prod", Map.of("gke-gpu-serving:image", "{\"existingDigest\":\"" + own + "\"}"))
                .assertSucceeded();
        assertThat(sameRepository.ofType(ResourceTypes.REPOSITORY_IAM_MEMBER)).extracting(Registration::name)
                .containsExactly("gke-nodes-pull-serving");
        assertThat(sameRepository.ofType(IAM_MEMBER).stream().filter(r -> !r.name().startsWith("autoscaling-"))).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void evenTheTemporaryDefaultPoolRunsAsTheNodeServiceAccount(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        String email = nodeAccount(run).inputs().get("accountId") + "@" + Fixtures.settings(stack).gcp().project()
                + ".iam.gserviceaccount.com";
        assertThat(at(run.onlyOne(CLUSTER), "nodeConfig.serviceAccount")).isEqualTo(email);
    }

    @Test
    void initialGpuNodesPerZoneReachTheMinimum() {
        var pool = ProgramRun.of("prod").assertSucceeded().one(NODE_POOL, "gke-gpu");
        // prod: minNodes 2 over two zones -> one per zone at creation.
        assertThat(at(pool, "initialNodeCount")).isEqualTo(1.0);
        var three = ProgramRun.of("prod", Map.of("gke-gpu-serving:gpuPool", "{\"minNodes\":3,\"maxNodes\":6,"
                + "\"zones\":[\"us-central1-a\",\"us-central1-b\"]}")).assertSucceeded();
        assertThat(at(three.one(NODE_POOL, "gke-gpu"), "initialNodeCount")).isEqualTo(2.0);
    }

    @Test
    void stagingAndProdKeepAGpuForARolloutAtFullScale() {
        assertThat(Fixtures.settings("staging").warnings()).isEmpty();
        assertThat(Fixtures.settings("prod").warnings()).isEmpty();
    }

    /** The nodes' account; KEDA's (component "autoscaling") is the other one. */
    private static Registration nodeAccount(ProgramRun run) {
        List<Registration> accounts = run.ofType(ACCOUNT).stream().filter(r -> !r.name().startsWith("autoscaling-")).toList();
        assertThat(accounts).hasSize(1);
        return accounts.get(0);
    }
}
