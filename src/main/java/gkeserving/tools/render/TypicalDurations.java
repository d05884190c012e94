package gkeserving.tools.render;

import gkeserving.program.ResourceTypes;
import gkeserving.tools.pipeline.smoke.Durations;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How long creating one resource of a type typically takes, for the expected chain a render prints. These are
 * estimates, not measurements of this project: each says what it rests on, and where a provider or the program
 * sets a hard limit, that limit is cited (terraform-provider-google-beta v5.0.0, which pulumi-gcp 7.0.0 bridges:
 * see docs/replace-on-change.md). A real `deploy` prints the measured chain (the pipeline's critical path).
 */
final class TypicalDurations {
    /** A range of typical durations and what it rests on. */
    record Estimate(Duration low, Duration high, String basis) {
        Estimate plus(Estimate other) {
            return new Estimate(low.plus(other.low), high.plus(other.high), basis + "; " + other.basis);
        }

        /** "5m-8m". */
        String text() {
            return human(low) + "-" + human(high);
        }
    }

    private static final String TPG = "terraform-provider-google-beta v5.0.0 google-beta/services/*/";

    static final Estimate NONE = new Estimate(Duration.ZERO, Duration.ZERO, "no operation of its own");
    static final Estimate UNKNOWN = seconds(0, 30, "estimate: no typical duration recorded for this type");
    /** Added to a GPU Deployment's rollout when no GPU node exists yet (every GPU pool starts at zero nodes). */
    static final Estimate GPU_NODE_FROM_ZERO = minutes(3, 7, "estimate: the cluster autoscaler adds a GPU node"
            + " (VM creation and boot), then its driver and device plugin start before the pod can be scheduled");

    private static final Estimate IAM_MEMBER = seconds(5, 15, "estimate: one IAM policy read-modify-write");
    private static final Estimate KUBERNETES_OBJECT = seconds(1, 2,
            "estimate: pulumi-kubernetes waits for the API server only");

    private static final Map<String, Estimate> WAITED_ON = Map.ofEntries(
            Map.entry(ResourceTypes.CLUSTER, minutes(5, 8, providerTimeout("40m", "resource_container_cluster.go:193"))),
            Map.entry(ResourceTypes.NODE_POOL, minutes(2, 4, providerTimeout("30m", "resource_container_node_pool.go:35"))),
            Map.entry(ResourceTypes.SERVICE_ACCOUNT, seconds(2, 10, providerTimeout("5m", "resource_google_service_account.go:30"))),
            Map.entry(ResourceTypes.PROJECT_IAM_MEMBER, IAM_MEMBER),
            Map.entry(ResourceTypes.REPOSITORY_IAM_MEMBER, IAM_MEMBER),
            Map.entry(ResourceTypes.REPOSITORY, seconds(5, 15, providerTimeout("20m", "resource_artifact_registry_repository.go:47"))),
            Map.entry(ResourceTypes.ROUTER, seconds(10, 30, providerTimeout("20m", "resource_compute_router.go:65"))),
            Map.entry(ResourceTypes.ROUTER_NAT, seconds(10, 30, providerTimeout("20m", "resource_compute_router_nat.go:205"))),
            Map.entry(ResourceTypes.PROJECT_SERVICE, seconds(20, 90, "estimate: enabling an API is an operation that"
                    + " Service Usage completes in seconds to a minute; a no-op when it is already on")),
            Map.entry(ResourceTypes.NETWORK, seconds(10, 30, "estimate: one global compute operation")),
            Map.entry(ResourceTypes.SUBNETWORK, seconds(10, 30, "estimate: one regional compute operation")),
            Map.entry(ResourceTypes.KMS_KEY_RING, seconds(2, 10, "estimate: one Cloud KMS call")),
            Map.entry(ResourceTypes.KMS_CRYPTO_KEY, seconds(2, 10, "estimate: one Cloud KMS call (and its first version)")),
            Map.entry(ResourceTypes.KMS_CRYPTO_KEY_IAM_MEMBER, IAM_MEMBER),
            Map.entry(ResourceTypes.SERVICE_ACCOUNT_IAM_MEMBER, IAM_MEMBER),
            Map.entry(ResourceTypes.ALERT_POLICY, seconds(2, 10, "estimate: one Cloud Monitoring call")),
            Map.entry(ResourceTypes.DASHBOARD, seconds(2, 10, "estimate: one Cloud Monitoring call")),
            Map.entry(ResourceTypes.ADDRESS, seconds(5, 15, providerTimeout("20m", "resource_compute_address.go:46"))),
            Map.entry(ResourceTypes.DOCKER_IMAGE, minutes(3, 10, "estimate: the first build pulls TF Serving's GPU"
                    + " image and pushes all its layers (several GB) to Artifact Registry; an unchanged tag is no operation")),
            Map.entry(ResourceTypes.KUBERNETES_PROVIDER, seconds(0, 1, "no cloud call")),
            Map.entry(ResourceTypes.HELM_RELEASE, minutes(2, 5, "estimate: Helm waits for the GPU Operator's"
                    + " resources; the program's limit is 900s (GpuOperatorRelease.TIMEOUT_SECONDS)")),
            Map.entry(ResourceTypes.DAEMON_SET, seconds(1, 2, "pulumi-kubernetes 4.0.0 does not wait for DaemonSet"
                    + " rollouts (added later, pulumi/pulumi-kubernetes#2953)")),
            Map.entry(ResourceTypes.K8S_SERVICE, minutes(1, 3, "estimate: pulumi-kubernetes waits for the load"
                    + " balancer's address")),
            Map.entry(ResourceTypes.DEPLOYMENT, minutes(1, 4, "estimate: pulumi-kubernetes waits for the rollout:"
                    + " pulling the serving image (several GB) and loading the model; the program's limit is its"
                    + " rollout budget (TfServingDeployment)")));

    /** Objects pulumi-kubernetes creates with one API call and does not wait on. */
    private static final List<String> API_SERVER_ONLY = List.of(ResourceTypes.NAMESPACE, ResourceTypes.CONFIG_MAP,
            ResourceTypes.SECRET, ResourceTypes.K8S_SERVICE_ACCOUNT, ResourceTypes.RESOURCE_QUOTA, ResourceTypes.HPA,
            ResourceTypes.PDB, ResourceTypes.NETWORK_POLICY, ResourceTypes.POD_MONITORING, ResourceTypes.CLUSTER_POD_MONITORING,
            ResourceTypes.SCALED_OBJECT, ResourceTypes.TRIGGER_AUTHENTICATION, ResourceTypes.HTTP_SCALED_OBJECT);

    private TypicalDurations() {
    }

    /** The typical create duration of a resource of this type; {@link #UNKNOWN} when none is recorded. */
    static Estimate of(String type) {
        return API_SERVER_ONLY.contains(type) ? KUBERNETES_OBJECT : WAITED_ON.getOrDefault(type, UNKNOWN);
    }

    /**
     * A Deployment that requests GPUs in a stack whose GPU pools all start with no node waits for a GPU node too.
     *
     * @param gpuPoolsStartEmpty whether every node pool with accelerators has an initial node count of 0
     */
    static Estimate deployment(boolean requestsGpus, boolean gpuPoolsStartEmpty) {
        Estimate rollout = of(ResourceTypes.DEPLOYMENT);
        return requestsGpus && gpuPoolsStartEmpty ? rollout.plus(GPU_NODE_FROM_ZERO) : rollout;
    }

    static String human(Duration duration) {
        return duration.isZero() ? "0s" : Durations.human(duration);
    }

    /** An estimate's basis where the provider sets a create timeout: the timeout and where it is set. */
    private static String providerTimeout(String timeout, String file) {
        return "estimate; the provider's create timeout is " + timeout + ": " + TPG + file;
    }

    private static Estimate seconds(long low, long high, String basis) {
        return new Estimate(Duration.ofSeconds(low), Duration.ofSeconds(high), basis);
    }

    private static Estimate minutes(long low, long high, String basis) {
        return new Estimate(Duration.ofMinutes(low), Duration.ofMinutes(high), basis);
    }
}
