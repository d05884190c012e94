package gkeserving.program.serving;

import gkeserving.program.ResourceTypes;
import gkeserving.program.Fixtures;
import static gkeserving.program.TestFiles.copyTree;

import gkeserving.program.ProgramRun;
import gkeserving.program.cluster.GpuScheduling;
import gkeserving.tools.render.CloudPlaceholders;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import gkeserving.tools.render.check.TfServingConfigParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static gkeserving.program.serving.TfServingProgramTest.CONFIG_MAP;
import static gkeserving.program.serving.TfServingProgramTest.CONTAINER;
import static gkeserving.program.serving.TfServingProgramTest.SERVICE;
import static gkeserving.program.serving.TfServingProgramTest.deployment;
import static gkeserving.program.serving.TfServingProgramTest.list;
import static gkeserving.program.serving.TfServingProgramTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/** Each serving setting changes what it says it changes, seen in the registered objects of the dev stack. */
class TfServingVariantsTest {
    private static final String ADDRESS = ResourceTypes.ADDRESS;

    private static ProgramRun devWith(Map<String, String> overrides) {
        return ProgramRun.of("dev", overrides).assertSucceeded();
    }

    private static ProgramRun devWithServing(String json) {
        return devWith(Map.of(Fixtures.SERVING, json));
    }

    private static List<Object> args(ProgramRun run) {
        return list(at(deployment(run), CONTAINER + ".args"));
    }

    @Test
    void modelNameDrivesProbesConfigAndEndpoints() throws Exception {
        var run = devWith(Map.of(Fixtures.MODEL, "{\"path\":\"models/iris\",\"name\":\"flowers\"}"));
        Registration deployment = deployment(run);

        assertThat(at(deployment, CONTAINER + ".startupProbe.httpGet.path")).isEqualTo("/v1/models/flowers");
        assertThat(at(deployment, CONTAINER + ".readinessProbe.httpGet.path")).isEqualTo("/v1/models/flowers");
        assertThat(at(deployment, "metadata.name")).isEqualTo("tf-serving-flowers");
        String models = (String) map(at(run.one(CONFIG_MAP, "tf-serving-config"), "data")).get(TfServingConfigs.MODELS_CONFIG);
        var config = TfServingConfigParser.modelServerConfig(models).getModelConfigList().getConfig(0);
        assertThat(config.getName()).isEqualTo("flowers");
        assertThat(config.getBasePath()).isEqualTo("/models/flowers");
        assertThat((String) run.outputValue("restEndpoint")).endsWith(":8501/v1/models/flowers:predict");
    }

    @Test
    void gpusPerReplicaSetsTheGpuLimit() {
        var run = devWith(Map.of(
                Fixtures.GPU_POOL, "{\"machineType\":\"g2-standard-24\",\"accelerator\":\"nvidia-l4\",\"acceleratorCount\":2,"
                        + "\"minNodes\":0,\"maxNodes\":2,\"devicePlugin\":\"nvidia\"}",
                Fixtures.SERVING, "{\"gpusPerReplica\":2}"));

        assertThat(map(at(deployment(run), CONTAINER + ".resources.limits"))).containsEntry(GpuScheduling.GPU_RESOURCE, "2");
    }

    @Test
    void batchingOffDropsItsFlagsAndFile() {
        var run = devWithServing("{\"batching\":{\"enabled\":false}}");

        assertThat(args(run)).noneMatch(arg -> ((String) arg).contains("batching"));
        assertThat(map(at(run.one(CONFIG_MAP, "tf-serving-config"), "data"))).doesNotContainKey(TfServingConfigs.BATCHING_PARAMETERS);
    }

    @Test
    void gpuMemoryFractionBecomesAFlag() {
        assertThat(args(devWithServing("{\"perProcessGpuMemoryFraction\":0.45}")))
                .contains("--per_process_gpu_memory_fraction=0.45");
    }

    @Test
    void startupTimeoutSizesTheStartupProbe() {
        var run = devWithServing("{\"startupTimeoutSeconds\":1800}");

        assertThat(at(deployment(run), CONTAINER + ".startupProbe.failureThreshold")).isEqualTo(180.0);
    }

    @Test
    void internalServiceGetsGkesInternalLoadBalancerAnnotation() {
        var run = devWithServing("{\"service\":{\"internal\":true}}");

        assertThat(map(at(run.onlyOne(SERVICE), "metadata.annotations")))
                .containsEntry(TfServingService.INTERNAL_LB_ANNOTATION, "Internal");
        assertThat(run.ofType(ADDRESS)).isEmpty();
    }

    @Test
    void externalServiceHasNoInternalAnnotationAndNoEmptySourceRanges() {
        var run = devWithServing("{\"service\":{\"sourceRanges\":[]}}");
        Registration service = run.onlyOne(SERVICE);

        assertThat(at(service, "metadata.annotations")).isNull();
        assertThat(at(service, "spec.loadBalancerSourceRanges")).isNull();
    }

    @Test
    void staticIpReservesARegionalAddressThatTheServiceAndOutputsUse() {
        var run = devWithServing("{\"service\":{\"staticIp\":true,\"sourceRanges\":[\"198.51.100.0/24\"]}}");
        Registration address = run.onlyOne(ADDRESS);
        String ip = CloudPlaceholders.unknown("static IP of " + address.name());

        assertThat(at(address, "addressType")).isEqualTo("EXTERNAL");
        assertThat(at(address, "region")).isEqualTo("us-central1");
        assertThat(at(run.onlyOne(SERVICE), "spec.loadBalancerIP")).isEqualTo(ip);
        assertThat(at(run.onlyOne(SERVICE), "spec.loadBalancerSourceRanges")).isEqualTo(List.of("198.51.100.0/24"));
        assertThat(run.outputValue("grpcEndpoint")).isEqualTo(ip + ":8500");
    }

    @Test
    void warmupFlagFollowsTheModelsWarmupData(@TempDir Path tmp) throws IOException {
        Path model = tmp.resolve("iris");
        copyTree(Path.of("models", "iris"), model);
        Files.delete(model.resolve("sample-request.json"));
        String modelConfig = "{\"path\":\"" + model.toString().replace("\\", "/") + "\",\"name\":\"iris\"}";

        assertThat(args(devWith(Map.of(Fixtures.MODEL, modelConfig)))).doesNotContain("--enable_model_warmup=true");

        Path warmup = model.resolve("1").resolve("assets.extra").resolve("tf_serving_warmup_requests");
        Files.createDirectories(warmup.getParent());
        Files.write(warmup, new byte[] {0});
        assertThat(args(devWith(Map.of(Fixtures.MODEL, modelConfig)))).contains("--enable_model_warmup=true");
    }

    @Test
    void warmupRecordsGeneratedFromTheSampleRequestCountAsWarmupData() {
        // The shipped iris model has no warm-up file of its own, only models/iris/sample-request.json.
        assertThat(Path.of("models", "iris", "1", "assets.extra")).doesNotExist();

        assertThat(args(devWith(Map.of()))).contains("--enable_model_warmup=true");
    }
}
