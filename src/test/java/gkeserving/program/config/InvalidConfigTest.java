package gkeserving.program.config;

import gkeserving.program.ProgramRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invalid stack config fed to the real program: each must fail with a message that names the key
 * and what is allowed, and the program must register nothing (no half-applied stack).
 */
class InvalidConfigTest {
    private static final String NS = "gke-gpu-serving:";

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                bad("gpuPool", "{\"minNodes\":3,\"maxNodes\":2}", "gpuPool.maxNodes (2) must be >= gpuPool.minNodes (3)"),
                bad("gpuPool", "{\"minNodes\":-1}", "gpuPool.minNodes (-1) must be >= 0"),
                bad("gpuPool", "{\"accelerator\":\"nvidia-tesla-k80\"}", "gpuPool.accelerator (nvidia-tesla-k80) must be one of"),
                bad("gpuPool", "{\"machineType\":\"n1-standard-8\",\"accelerator\":\"nvidia-l4\"}",
                        "gpuPool.machineType (n1-standard-8) cannot carry gpuPool.accelerator (nvidia-l4): it needs a g2-* machine type"),
                bad("gpuPool", "{\"machineType\":\"g2-standard-8\",\"accelerator\":\"nvidia-tesla-t4\"}",
                        "it needs a n1-* machine type"),
                bad("gpuPool", "{\"machineType\":\"a2-highgpu-1g\",\"accelerator\":\"nvidia-h100-80gb\"}",
                        "gpuPool.machineType (a2-highgpu-1g) cannot carry gpuPool.accelerator (nvidia-h100-80gb): it needs a a3-* machine type"),
                bad("gpuPool", "{\"machineType\":\"g2-standard-8\",\"accelerator\":\"nvidia-l4\",\"acceleratorCount\":2}",
                        "gpuPool.acceleratorCount (2) is not allowed on g2-standard-8; allowed: [1]"),
                bad("gpuPool", "{\"machineType\":\"n1-standard-8\",\"accelerator\":\"nvidia-tesla-t4\",\"acceleratorCount\":3}",
                        "gpuPool.acceleratorCount (3) is not allowed on n1-standard-8; allowed: [1, 2, 4]"),
                bad("gpuPool", "{\"machineType\":\"a2-ultragpu-1g\",\"accelerator\":\"nvidia-tesla-a100\"}",
                        "gpuPool.accelerator (nvidia-tesla-a100) does not match gpuPool.machineType (a2-ultragpu-1g), which comes with nvidia-a100-80gb"),
                bad("gpuPool", "{\"sharing\":{\"strategy\":\"mig\",\"partitionSize\":\"1g.5gb\"}}",
                        "gpuPool.sharing.strategy mig needs an A100 or H100; gpuPool.accelerator is nvidia-l4"),
                bad("gpuPool", "{\"machineType\":\"a2-highgpu-1g\",\"accelerator\":\"nvidia-tesla-a100\",\"sharing\":{\"strategy\":\"mig\",\"partitionSize\":\"3g.40gb\"}}",
                        "gpuPool.sharing.partitionSize (3g.40gb) must be one of [1g.5gb, 2g.10gb, 3g.20gb, 7g.40gb]"),
                bad("gpuPool", "{\"sharing\":{\"strategy\":\"time-sharing\",\"maxSharedClientsPerGpu\":64}}",
                        "gpuPool.sharing.maxSharedClientsPerGpu (64) must be 2..48"),
                bad("gpuPool", "{\"sharing\":{\"strategy\":\"time-sharing\"}}", "gpuPool.sharing.maxSharedClientsPerGpu (missing) must be 2..48"),
                bad("gpuPool", "{\"sharing\":{\"strategy\":\"slicing\"}}", "gpuPool.sharing.strategy (slicing) must be one of none, time-sharing, mig"),
                bad("gpuPool", "{\"devicePlugin\":\"amd\"}", "gpuPool.devicePlugin (amd) must be one of nvidia, gke"),
                bad("gpuPool", "{\"zones\":[\"europe-west4-a\"]}", "gpuPool.zones entry (europe-west4-a) must be a zone of the cluster's region (us-central1)"),
                bad("gpuPool", "{\"maxNodes\":\"two\"}", "gpuPool.maxNodes (\"two\") must be a whole number"),
                bad("gpuPool", "{\"maxnodes\":4}", "gpuPool.maxnodes is not a known setting"),
                bad("gpuPool", "[1,2]", "gpuPool must be an object"),
                bad("cluster", "{\"location\":\"us-central1-a\",\"releaseChannel\":\"BETA\"}", "cluster.releaseChannel (BETA) must be one of RAPID, REGULAR, STABLE"),
                bad("cluster", "{\"location\":\"mars-north1\"}", "cluster.location (mars-north1) must be in gcp:region (us-central1)"),
                bad("cluster", "{\"location\":\"Central US\"}", "cluster.location (Central US) must be a region"),
                bad("cluster", "{\"location\":\"us-central1-a\",\"masterAuthorizedNetworks\":[\"10.0.0.0/33\"]}",
                        "cluster.masterAuthorizedNetworks entry (10.0.0.0/33) must be an IPv4 CIDR block"),
                bad("cluster", "{\"location\":\"us-central1\"}", "gpuPool.zones is required for a regional cluster"),
                bad("cluster", "{\"location\":\"us-central1-a\",\"privateNodes\":true,\"masterIpv4CidrBlock\":\"172.16.0.0/24\"}",
                        "cluster.masterIpv4CidrBlock (172.16.0.0/24) must be a /28 CIDR block"),
                bad("cluster", "{\"location\":\"us-central1-a\",\"deletionProtection\":\"yes\"}", "cluster.deletionProtection (\"yes\") must be true or false"),
                bad("cpuPool", "{\"maxNodes\":0}", "cpuPool.maxNodes (0) must be >= 1"),
                bad("cpuPool", "{\"diskSizeGb\":5}", "cpuPool.diskSizeGb (5) must be >= 10"),
                bad("model", "{\"path\":\"models/iris\",\"name\":\"Iris_Model\"}", "model.name (Iris_Model) must be lowercase letters"),
                bad("image", "{\"existingDigest\":\"us-docker.pkg.dev/p/r/iris:latest\"}", "image.existingDigest (us-docker.pkg.dev/p/r/iris:latest) must be a digest reference"),
                bad("image", "{\"keepVersions\":0}", "image.keepVersions (0) must be >= 1"),
                bad("serving", "{\"autoscaling\":{\"minReplicas\":3,\"maxReplicas\":2}}",
                        "serving.autoscaling.maxReplicas (2) must be >= serving.autoscaling.minReplicas (3)"),
                bad("serving", "{\"autoscaling\":{\"minReplicas\":1,\"maxReplicas\":5}}",
                        "serving.autoscaling.maxReplicas (5) does not fit on gpuPool.maxNodes (2): at most 2 replicas"),
                // Four time-shared L4 slots, but a g2-standard-8 has room for three 2-CPU/8Gi replicas.
                Arguments.of(Map.of(NS + "gpuPool", "{\"maxNodes\":1,\"sharing\":{\"strategy\":\"time-sharing\",\"maxSharedClientsPerGpu\":4}}",
                                NS + "serving", "{\"autoscaling\":{\"minReplicas\":1,\"maxReplicas\":4}}"),
                        "serving.autoscaling.maxReplicas (4) does not fit on gpuPool.maxNodes (1): at most 3 replicas; one g2-standard-8 node"
                                + " holds 3: 4 by GPU (4 schedulable nvidia.com/gpu / serving.gpusPerReplica 1), 3 by CPU ("),
                bad("serving", "{\"resources\":{\"cpuRequest\":\"16\",\"cpuLimit\":\"16\"}}",
                        "serving.resources.cpuRequest (16) does not fit on one gpuPool node (g2-standard-8"),
                bad("serving", "{\"resources\":{\"memoryRequest\":\"30Gi\",\"memoryLimit\":\"30Gi\"}}",
                        "serving.resources.memoryRequest (30Gi) does not fit on one gpuPool node (g2-standard-8"),
                // Time-sharing fits both replicas on one node, but the zone spread wants them in two zones.
                Arguments.of(Map.of(NS + "cluster", "{\"location\":\"us-central1\"}",
                                NS + "gpuPool", "{\"maxNodes\":1,\"zones\":[\"us-central1-a\",\"us-central1-b\"],"
                                        + "\"sharing\":{\"strategy\":\"time-sharing\",\"maxSharedClientsPerGpu\":2}}",
                                NS + "serving", "{\"autoscaling\":{\"minReplicas\":2,\"maxReplicas\":2}}"),
                        "gpuPool.maxNodes (1) must be >= 2 with gpuPool.zones [us-central1-a, us-central1-b] and"
                                + " serving.autoscaling.minReplicas (2): the replicas are spread over two zones"),
                bad("gpuPool", "{\"machineType\":\"n1-megamem-96\",\"accelerator\":\"nvidia-tesla-t4\"}",
                        "gpuPool.machineType (n1-megamem-96) is not a Compute Engine machine type (did you mean n1-highmem-96?)"),
                bad("serving", "{\"batching\":{\"maxBatchSize\":0}}", "serving.batching.maxBatchSize (0) must be >= 1"),
                bad("serving", "{\"autoscaling\":{\"minReplicas\":0,\"metric\":\"cpu\"}}",
                        "serving.autoscaling.minReplicas 0 (scale to zero) needs KEDA, but serving.autoscaling.metric is cpu"),
                bad("serving", "{\"batching\":{\"enabled\":false},\"autoscaling\":{\"metric\":\"queue-latency\"}}",
                        "serving.autoscaling.metric queue-latency needs serving.batching.enabled: true"),
                bad("serving", "{\"autoscaling\":{\"metric\":\"latency\"}}",
                        "serving.autoscaling.metric (latency) must be one of queue-latency, request-rate, gpu-utilization, cpu"),
                bad("serving", "{\"autoscaling\":{\"holdTimeoutSeconds\":5}}", "serving.autoscaling.holdTimeoutSeconds (5) must be 30..3600"),
                bad("serving", "{\"alerts\":{\"notificationChannels\":[\"email-me\"]}}",
                        "serving.alerts.notificationChannels entry (email-me) must be a channel name"),
                Arguments.of(Map.of(NS + "gpuPool", "{\"machineType\":\"g2-standard-8\",\"accelerator\":\"nvidia-l4\",\"devicePlugin\":\"gke\"}",
                                NS + "serving", "{\"autoscaling\":{\"metric\":\"gpu-utilization\"}}"),
                        "serving.autoscaling.metric gpu-utilization needs GPU metrics, which are scraped only from the GPU Operator's DCGM exporter"),
                bad("serving", "{\"service\":{\"sourceRanges\":[\"0.0.0.0/0\",\"300.1.1.0/24\"]}}",
                        "serving.service.sourceRanges entry (300.1.1.0/24) must be an IPv4 CIDR block"),
                bad("serving", "{\"tfServingVersion\":\"latest\"}", "serving.tfServingVersion (latest) must be a release version"),
                bad("serving", "{\"gpusPerReplica\":2}", "serving.gpusPerReplica (2) must be <= the GPUs one gpuPool node offers (1)"),
                bad("serving", "{\"perProcessGpuMemoryFraction\":1.5}", "serving.perProcessGpuMemoryFraction (1.5) must be > 0 and <= 1"),
                bad("serving", "{\"versionPolicy\":{\"specific\":[1]},\"versionLabels\":{\"canary\":2}}",
                        "serving.versionLabels.canary (2) must name a version in serving.versionPolicy.specific [1]"),
                bad("serving", "{\"resources\":{\"memoryLimit\":\"8 GB\"}}", "serving.resources.memoryLimit (8 GB) must be a Kubernetes quantity"),
                bad("serving", "{\"resources\":{\"cpuRequest\":\"-1\"}}", "serving.resources.cpuRequest (-1) must be a Kubernetes quantity"),
                bad("serving", "{\"service\":{\"internal\":true,\"staticIp\":true}}", "serving.service.staticIp reserves an external address"),
                bad("serving", "{\"resources\":{\"cpuRequest\":\"4\",\"cpuLimit\":\"3500m\"}}",
                        "serving.resources.cpuRequest (4) must be <= serving.resources.cpuLimit (3500m)"),
                bad("serving", "{\"resources\":{\"memoryRequest\":\"9G\",\"memoryLimit\":\"8Gi\"}}",
                        "serving.resources.memoryRequest (9G) must be <= serving.resources.memoryLimit (8Gi)"),
                Arguments.of(Map.of("gcp:project", ""), "gcp:project is required"),
                // Numbers past their type's range are refused with the range, never wrapped (2^64 + 1 would be version 1).
                bad("serving", "{\"versionPolicy\":{\"specific\":[18446744073709551617]}}",
                        "serving.versionPolicy.specific[0] (18446744073709551617) is out of range: it must be a whole number"
                                + " from -9223372036854775808 to 9223372036854775807"),
                bad("serving", "{\"versionLabels\":{\"stable\":18446744073709551617}}",
                        "serving.versionLabels.stable (18446744073709551617) is out of range"),
                bad("gpuPool", "{\"maxNodes\":4294967298}",
                        "gpuPool.maxNodes (4294967298) is out of range: it must be a whole number from -2147483648 to 2147483647"),
                bad("serving", "{\"versionPolicy\":{\"specific\":[]}}", "serving.versionPolicy.specific is an empty list"),
                Arguments.of(Map.of("gke-gpu-servng:gpuPool", "{\"maxNodes\":5}"), "gke-gpu-servng:gpuPool: no one reads the"
                        + " config namespace 'gke-gpu-servng' (did you mean gke-gpu-serving?)"),
                // Names by the rule of the API that receives them.
                bad("serving", "{\"namespace\":\"" + "n".repeat(64) + "\"}",
                        "serving.namespace (" + "n".repeat(64) + ") must be a Kubernetes namespace name: at most 63"),
                bad("serving", "{\"namespace\":\"kube-ops\"}", "serving.namespace (kube-ops) must be a namespace of its own, not one that Kubernetes or GKE owns"),
                bad("serving", "{\"namespace\":\"gmp-system\"}", "serving.namespace (gmp-system) must be a namespace of its own, not one that Kubernetes or GKE owns"),
                bad("serving", "{\"namespace\":\"gke-managed-x\"}", "serving.namespace (gke-managed-x) must be a namespace of its own, not one that Kubernetes"),
                bad("gpuOperator", "{\"namespace\":\"gmp-public\"}", "gpuOperator.namespace (gmp-public) must be a namespace of its own, not one that Kubernetes"),
                Arguments.of(Map.of("gcp:project", "My_Project"), "gcp:project (My_Project) must be a GCP project id"),
                Arguments.of(Map.of("gcp:project", "proj"), "gcp:project (proj) must be a GCP project id: 6 to 30"),
                bad("cpuPool", "{\"machineType\":\"e2-standrd-4\"}",
                        "cpuPool.machineType (e2-standrd-4) is not a Compute Engine machine type (did you mean e2-standard-4?)"),
                bad("cpuPool", "{\"machineType\":\"n1-standard-5\"}", "cpuPool.machineType (n1-standard-5) is not a Compute"
                        + " Engine machine type (did you mean n1-standard-"),
                bad("gpuPool", "{\"machineType\":\"n1-standrd-8\",\"accelerator\":\"nvidia-tesla-t4\"}",
                        "gpuPool.machineType (n1-standrd-8) is not a Compute Engine machine type (did you mean n1-standard-8?)"),
                bad("cluster", "{\"location\":\"us-central1-a\",\"masterAuthorizedNetworks\":[\"010.0.0.0/8\"]}",
                        "cluster.masterAuthorizedNetworks entry (010.0.0.0/8) must be an IPv4 CIDR block"),
                bad("serving", "{\"resources\":{\"cpuRequest\":\"0\"}}", "serving.resources.cpuRequest (0) must be more than 0"),
                bad("image", "{\"existingDigest\":\"docker.io/library/iris@sha256:" + "ab".repeat(32) + "\"}",
                        "image.existingDigest (docker.io/library/iris@sha256:" + "ab".repeat(32) + ") must be an image in Artifact Registry"),
                bad("image", "{\"existingDigest\":\"evil-docker.pkg.dev/p/serving/iris@sha256:" + "ab".repeat(32) + "\"}",
                        "must be an image in Artifact Registry"),
                bad("gpupool", "{\"minNodes\":1}",
                        "gke-gpu-serving:gpupool is not a known setting (did you mean gpuPool?); known: protect, cluster, cpuPool"));
    }

    private static Arguments bad(String key, String json, String expectedMessage) {
        return Arguments.of(Map.of(NS + key, json), expectedMessage);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalidConfigs")
    void rejectedWithOneClearMessageBeforeAnyResourceIsRegistered(Map<String, String> override, String expected) {
        var run = ProgramRun.of("dev", override);
        assertThat(run.registrations()).as("registered resources").isEmpty();
        assertThat(run.errors()).hasSize(1);
        assertThat(run.errors().get(0)).startsWith("invalid stack configuration").contains(expected)
                // The user sees their mistake, not our internals.
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.outcome().result().exceptions()).isEmpty();
    }

    @Test
    void atLeastTwentyDistinctInvalidConfigsAreCovered() {
        assertThat(invalidConfigs().count()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var overrides = new HashMap<String, String>();
        overrides.put(NS + "gpuPool", "{\"minNodes\":3,\"maxNodes\":2,\"accelerator\":\"tpu\"}");
        overrides.put(NS + "serving", "{\"batching\":{\"maxBatchSize\":0}}");
        var run = ProgramRun.of("dev", overrides);
        assertThat(run.registrations()).isEmpty();
        assertThat(run.errors().get(0))
                .contains("gpuPool.maxNodes (2) must be >= gpuPool.minNodes (3)")
                .contains("gpuPool.accelerator (tpu) must be one of")
                .contains("serving.batching.maxBatchSize (0) must be >= 1");
    }
}
