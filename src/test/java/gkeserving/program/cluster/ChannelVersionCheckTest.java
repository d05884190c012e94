package gkeserving.program.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.test.Mocks;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import gkeserving.program.App;
import gkeserving.program.ProgramRun;
import gkeserving.program.image.DockerDaemon;
import gkeserving.tools.render.CloudPlaceholders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real program under the mock engine, with GKE's answer to {@code getEngineVersions} chosen by the test:
 * an operator pin outside the channel's default minor stops the run with one error, before anything is registered.
 */
class ChannelVersionCheckTest {
    private static final String ENGINE_VERSIONS = "gcp:container/getEngineVersions:getEngineVersions";
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    /** {@link CloudPlaceholders}, except that every channel's default is {@code channelDefault}. */
    private record GkeServes(CloudPlaceholders cloud, String channelDefault) implements Mocks {
        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            return cloud.newResourceAsync(args);
        }

        @Override
        public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
            return cloud.callAsync(args).thenApply(answer -> {
                if (!args.token.equals(ENGINE_VERSIONS)) {
                    return answer;
                }
                var changed = new HashMap<>(answer);
                changed.put("releaseChannelDefaultVersion",
                        Map.of("RAPID", channelDefault, "REGULAR", channelDefault, "STABLE", channelDefault));
                return changed;
            });
        }
    }

    /** A fresh project: GKE refuses every call until the Kubernetes Engine API is enabled. */
    private record KubernetesEngineApiOff(CloudPlaceholders cloud) implements Mocks {
        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            return cloud.newResourceAsync(args);
        }

        @Override
        public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
            return args.token.equals(ENGINE_VERSIONS)
                    ? CompletableFuture.failedFuture(new IllegalStateException(GpuOperatorSupportTest.API_OFF))
                    : cloud.callAsync(args);
        }
    }

    private record Run(TestResult result, List<CloudPlaceholders.Registration> registrations) {
    }

    private static Run run(String stack, String devicePlugin, String channelDefault) {
        return run(stack, devicePlugin, cloud -> new GkeServes(cloud, channelDefault));
    }

    private static Run run(String stack, String devicePlugin, java.util.function.Function<CloudPlaceholders, Mocks> gke) {
        Map<String, String> config = new HashMap<>(ProgramRun.FILES.config(stack));
        config.putAll(GpuPoolVariants.withDevicePlugin(stack, devicePlugin));
        var cloud = new CloudPlaceholders(config.get("gcp:project"), config.get("gcp:region"));
        var options = TestOptions.builder().projectName(ProgramRun.FILES.project()).stackName(stack).preview(false).build();
        try {
            TestResult result = PulumiTestInternal.builder().options(options).mocks(gke.apply(cloud))
                    .config(config, Set.of()).build()
                    .runTest(ctx -> App.stack(ctx, DockerDaemon.NOT_PROBED, ProgramRun.FILES.projectDir(), config.keySet()));
            return new Run(result, cloud.registrations());
        } finally {
            PulumiTestInternal.cleanup();
        }
    }

    /** The channel the stack's cluster is enrolled in, as the error must name it. */
    private static String channelOf(String stack) throws JsonProcessingException {
        String cluster = ProgramRun.FILES.config(stack).getOrDefault("gke-gpu-serving:cluster", "{}");
        return new ObjectMapper().readTree(cluster).path("releaseChannel").asText("REGULAR");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void newerChannelDefaultStopsTheRunWithOneErrorAndNothingRegistered(String stack) throws JsonProcessingException {
        Run run = run(stack, "nvidia", "1.37.0-gke.1000");

        assertThat(run.result().exceptions()).as("exceptions").isEmpty();
        assertThat(run.result().errors()).as("logged errors").hasSize(1);
        assertThat(run.result().errors().get(0))
                .contains("gpuOperator.version (v26.7.0) supports Kubernetes 1.33-1.36")
                .contains("GKE's " + channelOf(stack) + " channel (cluster.releaseChannel)")
                .contains("1.37.0-gke.1000");
        assertThat(run.registrations()).as("registered resources").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void olderChannelDefaultStopsTheRunToo(String stack) {
        Run run = run(stack, "nvidia", "1.32.6-gke.1060000");

        assertThat(run.result().errors()).hasSize(1);
        assertThat(run.result().errors().get(0)).contains("gpuOperator.version (v26.7.0) supports Kubernetes 1.33-1.36")
                .contains("pin one that supports 1.32");
        assertThat(run.registrations()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void supportedChannelDefaultInstallsTheOperatorAndRecordsTheCheck(String stack) throws JsonProcessingException {
        Run run = run(stack, "nvidia", "1.36.4-gke.1391000");

        assertThat(run.result().errors()).isEmpty();
        assertThat(run.result().exceptions()).isEmpty();
        var release = run.registrations().stream().filter(r -> r.type().equals(RELEASE) && "gpu-operator".equals(r.inputs().get("name"))).findFirst().orElseThrow();
        assertThat(at(release.inputs(), "description")).isEqualTo("GPU Operator v26.7.0 supports Kubernetes 1.33-1.36;"
                + " checked against 1.36, the default of GKE's " + channelOf(stack) + " channel");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void aFreshProjectIsDeployedInOneRunAndCheckedOnTheNext(String stack) throws JsonProcessingException {
        // Fails on the code as it was: one error and nothing registered, so the APIs were never enabled either.
        Run run = run(stack, "nvidia", KubernetesEngineApiOff::new);

        assertThat(run.result().errors()).isEmpty();
        assertThat(run.result().exceptions()).isEmpty();
        assertThat(run.registrations()).anyMatch(r -> at(r.inputs(), "service") instanceof String s && s.equals("container.googleapis.com"));
        var release = run.registrations().stream().filter(r -> r.type().equals(RELEASE) && "gpu-operator".equals(r.inputs().get("name"))).findFirst().orElseThrow();
        assertThat(at(release.inputs(), "description")).isEqualTo("GPU Operator v26.7.0 supports Kubernetes 1.33-1.36;"
                + " not yet checked against GKE's " + channelOf(stack) + " channel (the Kubernetes Engine API was off)");
    }

    /** No operator, nothing to check: GKE's own device plugin follows its own versions. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void gkeModeIsNotChecked(String stack) {
        Run run = run(stack, "gke", "1.37.0-gke.1000");

        assertThat(run.result().errors()).isEmpty();
        assertThat(run.result().exceptions()).isEmpty();
        assertThat(run.registrations()).isNotEmpty().noneMatch(r -> r.type().equals(RELEASE) && !r.name().startsWith("autoscaling-"));
    }
}
