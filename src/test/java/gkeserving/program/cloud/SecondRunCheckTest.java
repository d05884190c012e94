package gkeserving.program.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second {@code pulumi up} of every shipped stack and main variant replaces nothing: no input that
 * forces a replacement differs between what the API returned after the first run and what the program
 * sends on the next one (see docs/replace-on-change.md).
 */
class SecondRunCheckTest {
    private static final ReplaceOnChangeTable TABLE = ReplaceOnChangeTable.load();
    private static final SecondRunCheck CHECK = new SecondRunCheck(TABLE);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> stacks() {
        return ProgramRun.shippedStackNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void aSecondRunOfAShippedStackReplacesNothing(String stack) {
        assertThat(CHECK.replacements(stack, Map.of())).isEmpty();
    }

    /** The main variants a stack can take, each as config overrides on top of the stack's own file. */
    static Stream<Arguments> variants() {
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        for (String stack : ProgramRun.shippedStacks()) {
            variants.put(stack + ": gke device plugin", edit(stack, "gpuPool", o -> o.put("devicePlugin", "gke")));
            variants.put(stack + ": time-sharing", edit(stack, "gpuPool", o -> o.putObject("sharing")
                    .put("strategy", "time-sharing").put("maxSharedClientsPerGpu", 2)));
            variants.put(stack + ": MIG on A100", edit(stack, "gpuPool", o -> {
                o.put("machineType", "a2-highgpu-1g").put("accelerator", "nvidia-tesla-a100");
                o.putObject("sharing").put("strategy", "mig").put("partitionSize", "1g.5gb");
            }));
            variants.put(stack + ": internal LB", edit(stack, "serving", o -> o.with("service").put("internal", true)));
            variants.put(stack + ": static IP", edit(stack, "serving", o -> o.with("service").put("staticIp", true)));
            variants.put(stack + ": promoted digest", edit(stack, "image", o -> o.put("existingDigest",
                    "us-central1-docker.pkg.dev/gke-gpu-serving-staging/serving/iris@sha256:" + "ab".repeat(32))));
            variants.put(stack + ": existing network", edit(stack, "network", o -> o.put("network", "shared-vpc")
                    .put("subnetwork", "gke-us-central1").put("podsRangeName", "gke-pods").put("servicesRangeName", "gke-services")));
            variants.put(stack + ": existing network, ranges by GKE, own NAT", edit(stack, "network", o -> {
                o.put("network", "shared-vpc").put("subnetwork", "gke-us-central1").put("podsCidr", "10.64.0.0/14");
                if (Fixtures.settings(stack).cluster().privateNodes()) {
                    o.put("cloudNat", true);
                }
            }));
        }
        return variants.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void aSecondRunOfEachVariantReplacesNothing(String variant, Map<String, String> overrides) {
        assertThat(CHECK.replacements(variant.substring(0, variant.indexOf(':')), overrides)).isEmpty();
    }

    private static Map<String, String> edit(String stack, String key, Consumer<ObjectNode> change) {
        String fullKey = "gke-gpu-serving:" + key;
        try {
            String current = ProgramRun.FILES.config(stack).get(fullKey);
            var node = current == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(current);
            change.accept(node);
            return Map.of(fullKey, JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(fullKey + " of stack " + stack + " is not JSON", e);
        }
    }

    @Test
    void theCheckSeesTheClusterReplacementThatIgnoringNodeConfigPrevents() {
        // Without the ignore, the cluster's nodeConfig as read back from the first pool carries image
        // streaming (gcfsConfig), force-new and not computed in provider v5: every update would replace it.
        List<ForceNewDiff.Change> changes = CHECK.replacements("dev", Map.of(), Map.of("gke-cluster", List.of()));
        assertThat(changes).extracting(ForceNewDiff.Change::path).contains("nodeConfig.gcfsConfig");
    }

    @Test
    void theClusterReadsItsNetworkBackAsRelativeNamesThatCompareEqualToTheNamesSent() {
        var created = ProgramRun.of("staging", Map.of("gke-gpu-serving:network",
                "{\"network\":\"shared-vpc\",\"subnetwork\":\"gke-us-central1\"}")).assertSucceeded().registrations();
        Map<String, Object> cluster = GcpApiModel.stateAfterCreate(created, "gke-cpu").get(ResourceTypes.CLUSTER + "::gke-cluster");

        assertThat(cluster.get("network")).isEqualTo("projects/gke-gpu-serving-staging/global/networks/shared-vpc");
        assertThat(cluster.get("subnetwork")).isEqualTo("projects/gke-gpu-serving-staging/regions/us-central1/subnetworks/gke-us-central1");
        Map<String, Object> sent = new LinkedHashMap<>(cluster);
        sent.put("network", "shared-vpc");
        sent.put("subnetwork", "gke-us-central1");
        assertThat(ForceNewDiff.of(TABLE, ResourceTypes.CLUSTER, "gke-cluster", cluster, sent, List.of())).isEmpty();
        // Another network is a replacement, and the check says so.
        sent.put("subnetwork", "other-subnet");
        assertThat(ForceNewDiff.of(TABLE, ResourceTypes.CLUSTER, "gke-cluster", cluster, sent, List.of()))
                .extracting(ForceNewDiff.Change::path).containsExactly("subnetwork");
    }

    @Test
    void everyGcpTypeTheProgramRegistersHasRowsInTheTable() {
        for (String stack : ProgramRun.shippedStacks()) {
            ProgramRun.of(stack).registrations().stream()
                    .map(r -> r.type())
                    .filter(type -> type.startsWith("gcp:"))
                    .forEach(type -> assertThat(TABLE.types()).as("rows for " + type).contains(type));
        }
    }
}
