package gkeserving.tools.check;

import gkeserving.tools.render.Render;
import gkeserving.tools.render.RenderedOptions;
import gkeserving.tools.render.RenderedResource;
import gkeserving.tools.render.StackOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static gkeserving.tools.check.PolicyFixture.changed;
import static gkeserving.tools.check.PolicyFixture.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per rule: prod, which passes, with one setting changed (in its config, or one field of what it
 * registers where no setting reaches it) fails exactly that rule.
 */
class PolicyRulesTest {
    private static final String POD = "spec.template.spec.";
    private static final String SERVING = "tf-serving-deployment";
    private static final String CONTAINER = POD + "containers[0].";

    /** rule id → the one change that breaks it. */
    static Stream<Arguments> breakages() {
        Map<String, UnaryOperator<Render>> cases = new java.util.LinkedHashMap<>();
        cases.put("node-service-account", r -> changed(r, "gke-gpu", i -> set(i, "nodeConfig.serviceAccount",
                "123-compute@developer.gserviceaccount.com")));
        cases.put("node-service-account-roles", r -> changed(r, "gke-nodes-container.defaultNodeServiceAccount", i -> set(i, "role", "roles/editor")));
        cases.put("workload-identity", r -> changed(r, "gke-cpu", i -> set(i, "nodeConfig.workloadMetadataConfig.mode", "GCE_METADATA")));
        cases.put("shielded-nodes", r -> changed(r, "gke-gpu", i -> set(i, "nodeConfig.shieldedInstanceConfig.enableSecureBoot", false)));
        cases.put("cos-nodes", r -> changed(r, "gke-cpu", i -> set(i, "nodeConfig.imageType", "UBUNTU_CONTAINERD")));
        cases.put("node-auto-repair", r -> changed(r, "gke-gpu", i -> set(i, "management.autoRepair", false)));
        cases.put("node-auto-upgrade", r -> changed(r, "gke-gpu", i -> set(i, "management.autoUpgrade", false)));
        cases.put("release-channel", r -> changed(r, "gke-cluster", i -> set(i, "releaseChannel.channel", "UNSPECIFIED")));
        cases.put("image-digest", r -> changed(r, SERVING, i -> set(i, CONTAINER + "image", "tensorflow/serving:2.18.0-gpu")));
        cases.put("resources", r -> changed(r, SERVING, i -> set(i, CONTAINER + "resources.limits.memory", null)));
        cases.put("run-as-non-root", r -> changed(r, SERVING, i -> {
            set(i, CONTAINER + "securityContext.runAsNonRoot", null);
            set(i, POD + "securityContext.runAsNonRoot", false);
        }));
        cases.put("read-only-root-filesystem", r -> changed(r, SERVING, i -> set(i, CONTAINER + "securityContext.readOnlyRootFilesystem", false)));
        cases.put("no-privilege-escalation", r -> changed(r, SERVING, i -> set(i, CONTAINER + "securityContext.allowPrivilegeEscalation", true)));
        cases.put("no-privileged", r -> changed(r, SERVING, i -> set(i, CONTAINER + "securityContext.privileged", true)));
        cases.put("drop-capabilities", r -> changed(r, SERVING, i -> set(i, CONTAINER + "securityContext.capabilities.add",
                List.of("SYS_ADMIN"))));
        cases.put("seccomp-runtime-default", r -> changed(r, SERVING, i -> set(i, POD + "securityContext.seccompProfile.type",
                "Unconfined")));
        cases.put("host-namespaces", r -> changed(r, SERVING, i -> set(i, POD + "hostNetwork", true)));
        cases.put("probes", r -> changed(r, SERVING, i -> set(i, CONTAINER + "livenessProbe", null)));
        cases.put("network-policy", r -> changed(r, "tf-serving-netpol", i -> set(i, "spec.ingress[0].ports", List.of())));
        cases.put("pod-disruption-budget", r -> changed(r, "tf-serving-pdb", i -> set(i, "spec.selector.matchLabels",
                Map.of("app.kubernetes.io/name", "something-else"))));
        cases.put("secret-outputs", r -> new Render(r.stack(), r.resources(), r.outputs().stream()
                .map(o -> o.name().equals("kubeconfig") ? new StackOutput(o.name(), "apiVersion: v1") : o).toList()));
        cases.put("protect-stateful", r -> new Render(r.stack(), r.resources().stream().map(res -> res.name().equals("gke-secrets-key")
                ? new RenderedResource(res.type(), res.name(), res.parent(), RenderedOptions.none(), res.inputs(), res.dependencies())
                : res).toList(), r.outputs()));
        return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void oneChangedFieldFailsExactlyItsRule(String rule, UnaryOperator<Render> breakage) {
        assertThat(PolicyRules.byId(rule)).as("rule " + rule).isPresent();
        PolicyReport report = PolicyFixture.check("prod", breakage.apply(PolicyFixture.shipped("prod")));
        assertThat(report.violatedRules()).containsExactly(rule);
    }

    /** Rules the stack's own settings reach: the config change alone fails the rule. */
    static Stream<Arguments> settingBreakages() {
        String cluster = "gke-gpu-serving:cluster";
        String prodCluster = "{\"location\":\"us-central1\",\"releaseChannel\":\"STABLE\",\"privateNodes\":true,"
                + "\"masterAuthorizedNetworks\":[\"203.0.113.0/24\"]";
        return Stream.of(
                Arguments.of("authorized-networks", Map.of(cluster, "{\"location\":\"us-central1\",\"privateNodes\":true}")),
                Arguments.of("private-nodes", Map.of(cluster, prodCluster.replace("\"privateNodes\":true", "\"privateNodes\":false") + "}")),
                Arguments.of("network-policy-enforcement", Map.of(cluster, prodCluster + ",\"dataplaneV2\":false}")),
                Arguments.of("secrets-encryption", Map.of(cluster, prodCluster + ",\"secretsEncryption\":false}")),
                Arguments.of("binary-authorization", Map.of(cluster, prodCluster + ",\"binaryAuthorization\":false}")),
                Arguments.of("load-balancer-restricted", Map.of("gke-gpu-serving:serving",
                        "{\"autoscaling\":{\"minReplicas\":2,\"maxReplicas\":6}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settingBreakages")
    void oneChangedSettingFailsExactlyItsRule(String rule, Map<String, String> overrides) {
        PolicyReport report = PolicyFixture.check("prod", PolicyFixture.render("prod", overrides));
        assertThat(report.violatedRules()).containsExactly(rule);
    }

    @Test
    void everyRuleHasABreakingTest() {
        Set<String> tested = Stream.concat(breakages(), settingBreakages())
                .map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        assertThat(tested).containsExactlyInAnyOrderElementsOf(PolicyRules.all().stream().map(Rule::id).toList());
    }

    @Test
    void everyRuleNamesItsSourceAndThereAreAtLeastTwenty() {
        assertThat(PolicyRules.all()).hasSizeGreaterThanOrEqualTo(20)
                .allSatisfy(rule -> assertThat(rule.source()).isNotBlank());
        List<String> ids = new ArrayList<>(PolicyRules.all().stream().map(Rule::id).toList());
        assertThat(ids).doesNotHaveDuplicates();
    }
}
