package gkeserving.program.autoscaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.ResourceTypes;
import gkeserving.program.observability.ServingQueries;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import gkeserving.tools.render.ResourceCapture;
import gkeserving.tools.render.ResourceCapture.Captured;
import com.pulumi.resources.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** KEDA, the ScaledObject, scale to zero and the PodMonitoring, as the shipped stacks register them. */
class KedaAutoscalingTest {
    private static final String CONTAINER = "spec.template.spec.containers[0]";

    private static Registration deployment(ProgramRun run) {
        return run.onlyOne(ResourceTypes.DEPLOYMENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void podMonitoringSelectsExactlyTheServingPodsOnAPortTheyExpose(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        Registration monitor = run.one(ResourceTypes.POD_MONITORING, "observability-podmonitoring");

        assertThat(at(monitor, "spec.selector.matchLabels")).isEqualTo(at(deployment(run), "spec.selector.matchLabels"));
        assertThat(at(monitor, "metadata.namespace")).isEqualTo(at(deployment(run), "metadata.namespace"));
        Object port = at(monitor, "spec.endpoints[0].port");
        List<?> ports = (List<?>) at(deployment(run), CONTAINER + ".ports");
        assertThat(ports).anySatisfy(p -> assertThat(((Map<?, ?>) p).get("containerPort")).isEqualTo(port));
        assertThat(at(monitor, "spec.endpoints[0].path")).isEqualTo("/monitoring/prometheus/metrics");
        assertThat(at(monitor, "spec.endpoints[0].interval")).isEqualTo("15s");
        // The name is the job label every query selects by.
        assertThat(at(monitor, "metadata.name")).isEqualTo(at(deployment(run), "metadata.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theScalerTargetsTheDeploymentAndQueriesTfServingsQueueingLatency(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        Registration scaled = run.onlyOne(ResourceTypes.SCALED_OBJECT);

        assertThat(at(scaled, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
        assertThat(at(scaled, "spec.scaleTargetRef.name")).isEqualTo(at(deployment(run), "metadata.name"));
        assertThat(at(scaled, "metadata.namespace")).isEqualTo(at(deployment(run), "metadata.namespace"));
        assertThat(at(scaled, "spec.triggers[0].type")).isEqualTo("prometheus");
        assertThat((String) at(scaled, "spec.triggers[0].metadata.query"))
                .contains(":tensorflow:serving:batching_session:queuing_latency_bucket{");
        assertThat(at(scaled, "spec.triggers[0].metadata.serverAddress")).isEqualTo(
                "https://monitoring.googleapis.com/v1/projects/" + Fixtures.config(stack).get("gcp:project")
                        + "/location/global/prometheus");
        assertThat(at(scaled, "spec.triggers[0].metadata.threshold")).isEqualTo("50");
        assertThat(at(scaled, "spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds"))
                .isEqualTo(600.0);
    }

    @Test
    void requestRateIsSharedByTheReplicasAndCountsEveryStatus() throws Exception {
        var run = ProgramRun.of("prod", serving("prod", "request-rate")).assertSucceeded();
        Registration scaled = run.onlyOne(ResourceTypes.SCALED_OBJECT);

        assertThat(at(scaled, "spec.triggers[0].metadata.query"))
                .isEqualTo("sum(rate(:tensorflow:serving:request_count{namespace=\"serving\",job=\"tf-serving-iris\"}[1m]))");
        assertThat(at(scaled, "spec.triggers[0].metricType")).isEqualTo("AverageValue");
    }

    @Test
    void gpuUtilisationFollowsDcgmForTheServingPods() throws Exception {
        var run = ProgramRun.of("prod", serving("prod", "gpu-utilization")).assertSucceeded();
        Registration scaled = run.onlyOne(ResourceTypes.SCALED_OBJECT);

        assertThat((String) at(scaled, "spec.triggers[0].metadata.query")).startsWith("avg(" + ServingQueries.GPU_UTIL + "{");
        assertThat(at(scaled, "spec.triggers[0].metricType")).isEqualTo("Value");
        assertThat(run.onlyOne(ResourceTypes.CLUSTER_POD_MONITORING)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void kedasIdentityHoldsOnlyTheMonitoringViewerRole(String stack) {
        var capture = new ResourceCapture();
        var run = ProgramRun.of(stack, Map.of(), List.of(capture)).assertSucceeded();
        Resource component = captured(capture, ResourceTypes.KEDA_AUTOSCALING_COMPONENT).get(0).resource();

        List<Registration> roles = run.ofType(ResourceTypes.PROJECT_IAM_MEMBER).stream()
                .filter(r -> r.name().startsWith("autoscaling-")).toList();
        assertThat(roles).extracting(r -> at(r, "role")).containsExactly("roles/monitoring.viewer");
        assertThat(captured(capture, ResourceTypes.PROJECT_IAM_MEMBER).stream()
                .filter(c -> c.options().getParent().orElse(null) == component)).hasSize(1);
        Registration binding = run.onlyOne(ResourceTypes.SERVICE_ACCOUNT_IAM_MEMBER);
        assertThat(at(binding, "role")).isEqualTo("roles/iam.workloadIdentityUser");
        assertThat(at(binding, "member")).isEqualTo("serviceAccount:" + Fixtures.config(stack).get("gcp:project")
                + ".svc.id.goog[keda/keda-operator]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void everyKedaCustomResourceDependsOnTheReleaseThatInstallsItsCrd(String stack) {
        var capture = new ResourceCapture();
        ProgramRun.of(stack, Map.of(), List.of(capture)).assertSucceeded();
        Map<String, String> releaseOf = Map.of(
                ResourceTypes.SCALED_OBJECT, "autoscaling-keda",
                ResourceTypes.TRIGGER_AUTHENTICATION, "autoscaling-keda",
                ResourceTypes.HTTP_SCALED_OBJECT, "autoscaling-http-add-on");
        int checked = 0;
        for (Captured c : capture.inConstructionOrder()) {
            String release = releaseOf.get(c.type());
            if (release != null) {
                assertThat(c.dependsOn()).as(c.name()).extracting(Resource::pulumiResourceName).contains(release);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(2);
    }

    @Test
    void devScalesToZeroBehindTheRequestHoldingInterceptor() {
        var run = ProgramRun.of("dev").assertSucceeded();
        Registration scaled = run.onlyOne(ResourceTypes.SCALED_OBJECT);

        assertThat(at(scaled, "spec.minReplicaCount")).isEqualTo(0.0);
        assertThat(at(scaled, "spec.triggers[1].type")).isEqualTo("external-push");
        assertThat(at(scaled, "spec.triggers[2].type")).isEqualTo("external-push");
        List<Registration> held = run.ofType(ResourceTypes.HTTP_SCALED_OBJECT);
        assertThat(held).extracting(r -> at(r, "spec.scaleTargetRef.port")).containsExactlyInAnyOrder(8501.0, 8500.0);
        assertThat(held).allSatisfy(r -> {
            assertThat(at(r, "spec.scaleTargetRef.service")).isEqualTo("tf-serving-iris-backend");
            assertThat(at(r, "spec.timeouts.conditionWait")).isEqualTo("900s");
            assertThat(at(r, "metadata.annotations")).isEqualTo(Map.of(Scalers.SKIP_SCALED_OBJECT, "true"));
        });
        // The scaler address names the namespace the add-on is installed in.
        Registration addOn = run.one(ResourceTypes.HELM_RELEASE, "autoscaling-http-add-on");
        assertThat((String) at(scaled, "spec.triggers[1].metadata.scalerAddress")).contains("." + at(addOn, "namespace") + ":");
        assertThat(at(run.one(ResourceTypes.K8S_SERVICE, "tf-serving-service"), "spec.selector"))
                .isEqualTo(Map.copyOf(gkeserving.program.serving.TfServingService.INTERCEPTOR_SELECTOR));
    }

    /** The load balancer Service waits for the interceptor's pods; they must not wait for a GPU node. */
    @Test
    void theInterceptorIsInstalledWithoutWaitingForTheFirstGpuRollout() {
        var capture = new ResourceCapture();
        ProgramRun.of("dev", Map.of(), List.of(capture)).assertSucceeded();
        Captured addOn = capture.inConstructionOrder().stream().filter(c -> c.name().equals("autoscaling-http-add-on"))
                .findFirst().orElseThrow();

        assertThat(addOn.dependsOn()).extracting(Resource::pulumiResourceName).containsExactly("autoscaling-keda");
        assertThat(addOn.inputs().dependencies()).extracting(Resource::pulumiResourceType)
                .doesNotContain(ResourceTypes.DEPLOYMENT).contains(ResourceTypes.NAMESPACE);
    }

    @Test
    void prodKeepsTwoReplicasAndNeedsNoInterceptor() {
        var run = ProgramRun.of("prod").assertSucceeded();
        Registration scaled = run.onlyOne(ResourceTypes.SCALED_OBJECT);

        assertThat(at(scaled, "spec.minReplicaCount")).isEqualTo(2.0);
        assertThat(at(scaled, "spec.fallback.replicas")).isEqualTo(2.0);
        assertThat((List<?>) at(scaled, "spec.triggers")).hasSize(1);
        assertThat(run.ofType(ResourceTypes.HTTP_SCALED_OBJECT)).isEmpty();
        assertThat(run.ofType(ResourceTypes.HELM_RELEASE)).extracting(Registration::name).doesNotContain("autoscaling-http-add-on");
    }

    @Test
    void cpuKeepsThePlainHpaAndInstallsNoKeda() throws Exception {
        var run = ProgramRun.of("prod", serving("prod", "cpu")).assertSucceeded();

        assertThat(run.ofType(ResourceTypes.HPA)).hasSize(1);
        assertThat(run.ofType(ResourceTypes.SCALED_OBJECT)).isEmpty();
        assertThat(run.ofType(ResourceTypes.HELM_RELEASE)).extracting(Registration::name).doesNotContain("autoscaling-keda");
    }

    private static List<Captured> captured(ResourceCapture capture, String type) {
        return capture.inConstructionOrder().stream().filter(c -> c.type().equals(type)).toList();
    }

    private static Map<String, String> serving(String stack, String metric) throws Exception {
        var json = new ObjectMapper();
        var serving = (ObjectNode) json.readTree(Fixtures.config(stack).get(Fixtures.SERVING));
        serving.with("autoscaling").put("metric", metric);
        return Map.of(Fixtures.SERVING, json.writeValueAsString(serving));
    }
}
