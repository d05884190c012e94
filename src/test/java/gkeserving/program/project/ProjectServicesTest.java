package gkeserving.program.project;

import com.pulumi.resources.Resource;
import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.ResourceTypes;
import gkeserving.tools.render.ResourceCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh project works: the program enables every API it calls, never disables one on destroy, and each
 * resource waits for the APIs it calls. Every test here fails on the code as it was (no API was enabled).
 */
class ProjectServicesTest {
    private static final String IMAGE = "gke-gpu-serving:image";
    private static final String SERVING = "gke-gpu-serving:serving";

    /** What each GCP resource type calls, so must wait for. */
    private static final Map<String, List<ProjectApi>> NEEDS = Map.ofEntries(
            Map.entry(ResourceTypes.NETWORK, List.of(ProjectApi.COMPUTE)),
            Map.entry(ResourceTypes.SUBNETWORK, List.of(ProjectApi.COMPUTE)),
            Map.entry(ResourceTypes.ROUTER, List.of(ProjectApi.COMPUTE)),
            Map.entry(ResourceTypes.ROUTER_NAT, List.of(ProjectApi.COMPUTE)),
            Map.entry(ResourceTypes.ADDRESS, List.of(ProjectApi.COMPUTE)),
            Map.entry(ResourceTypes.CLUSTER, List.of(ProjectApi.CONTAINER, ProjectApi.COMPUTE, ProjectApi.LOGGING,
                    ProjectApi.MONITORING)),
            Map.entry(ResourceTypes.NODE_POOL, List.of(ProjectApi.CONTAINER, ProjectApi.COMPUTE, ProjectApi.CONTAINER_FILESYSTEM)),
            Map.entry(ResourceTypes.REPOSITORY, List.of(ProjectApi.ARTIFACT_REGISTRY)),
            Map.entry(ResourceTypes.SERVICE_ACCOUNT, List.of(ProjectApi.IAM)),
            Map.entry(ResourceTypes.PROJECT_IAM_MEMBER, List.of(ProjectApi.CLOUD_RESOURCE_MANAGER, ProjectApi.IAM)),
            Map.entry(ResourceTypes.REPOSITORY_IAM_MEMBER, List.of(ProjectApi.ARTIFACT_REGISTRY, ProjectApi.IAM)));

    /** Every shipped stack, and prod with a static IP (an Address) and a promoted digest (grants in another project). */
    static Stream<String> variants() {
        return Stream.concat(ProgramRun.shippedStackNames(), Stream.of("prod+ip+promoted"));
    }

    private static ResourceCapture capture(String variant) {
        var capture = new ResourceCapture();
        if (variant.equals("prod+ip+promoted")) {
            ProgramRun.of("prod", Map.of(SERVING, "{\"autoscaling\":{\"minReplicas\":2,\"maxReplicas\":6},"
                            + "\"service\":{\"staticIp\":true}}",
                    IMAGE, "{\"existingDigest\":\"us-central1-docker.pkg.dev/gke-gpu-serving-staging/serving/iris@sha256:"
                            + "ab".repeat(32) + "\"}"), List.of(capture)).assertSucceeded();
        } else {
            ProgramRun.of(variant, Map.of(), List.of(capture)).assertSucceeded();
        }
        return capture;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void everyApiTheProgramCallsIsEnabledAndNeverDisabledOnDestroy(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        var services = run.ofType(ResourceTypes.PROJECT_SERVICE);

        assertThat(services).extracting(r -> at(r, "service")).containsExactlyInAnyOrder(
                "container.googleapis.com", "compute.googleapis.com", "artifactregistry.googleapis.com",
                "containerfilesystem.googleapis.com", "iam.googleapis.com", "cloudresourcemanager.googleapis.com",
                "monitoring.googleapis.com", "logging.googleapis.com", "cloudkms.googleapis.com",
                "binaryauthorization.googleapis.com");
        assertThat(services).allSatisfy(s -> assertThat(s.inputs()).isEqualTo(Map.of(
                "project", Fixtures.settings(stack).gcp().project(), "service", at(s, "service"),
                "disableOnDestroy", false, "disableDependentServices", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void eachResourceWaitsForTheApisItCalls(String variant) {
        var capture = capture(variant);
        Map<String, Resource> byName = capture.inConstructionOrder().stream()
                .filter(c -> c.type().equals(ResourceTypes.PROJECT_SERVICE))
                .collect(java.util.stream.Collectors.toMap(ResourceCapture.Captured::name, ResourceCapture.Captured::resource));
        var checked = capture.inConstructionOrder().stream().filter(c -> NEEDS.containsKey(c.type())).toList();

        assertThat(checked).extracting(ResourceCapture.Captured::type).contains(ResourceTypes.CLUSTER, ResourceTypes.NODE_POOL,
                ResourceTypes.REPOSITORY, ResourceTypes.SERVICE_ACCOUNT, ResourceTypes.PROJECT_IAM_MEMBER);
        for (var c : checked) {
            List<Resource> needed = NEEDS.get(c.type()).stream().map(api -> byName.get(serviceName(api))).toList();
            assertThat(needed).doesNotContainNull();
            assertThat(c.dependsOn()).as(c.type() + " " + c.name() + " waits for its APIs").containsAll(needed);
        }
    }

    @Test
    void theImageBuildWaitsForArtifactRegistryThroughTheRegistry() {
        var capture = capture("dev");
        var registry = capture.inConstructionOrder().stream().filter(c -> c.type().equals(ResourceTypes.REPOSITORY))
                .findFirst().orElseThrow();
        var build = capture.inConstructionOrder().stream().filter(c -> c.type().equals(ResourceTypes.DOCKER_IMAGE))
                .findFirst().orElseThrow();
        assertThat(build.dependsOn()).containsExactly(registry.resource());
        assertThat(registry.dependsOn()).extracting(Resource::pulumiResourceName).containsExactly("apis-artifactregistry");
    }

    @Test
    void theServiceArgsKeepTheApiOnWhateverHappensToTheStack() {
        var args = Fixtures.inputs(ProjectServices.args(Fixtures.settings("dev").gcp(), ProjectApi.CONTAINER_FILESYSTEM));
        assertThat(args).isEqualTo(Map.of("project", "gke-gpu-serving-dev", "service", "containerfilesystem.googleapis.com",
                "disableOnDestroy", false, "disableDependentServices", false));
        assertThat(Arrays.stream(ProjectApi.values()).map(ProjectApi::service)).doesNotHaveDuplicates()
                .allSatisfy(service -> assertThat(service).endsWith(".googleapis.com"));
    }

    private static String serviceName(ProjectApi api) {
        return "apis-" + api.service().substring(0, api.service().indexOf('.'));
    }
}
