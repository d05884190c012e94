package gkeserving.program.serving;

import gkeserving.program.ResourceTypes;
import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.cluster.GpuScheduling;
import gkeserving.program.config.ReplicaCapacity;
import gkeserving.program.config.Settings;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import gkeserving.tools.render.check.TfServingConfigParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real program under the mock engine, once per shipped stack: the TF Serving objects agree with
 * each other and with the GPU pool they are meant to land on.
 */
class TfServingProgramTest {
    static final String DEPLOYMENT = ResourceTypes.DEPLOYMENT;
    static final String SERVICE = ResourceTypes.K8S_SERVICE;
    static final String CONFIG_MAP = ResourceTypes.CONFIG_MAP;
    static final String HPA = ResourceTypes.HPA;
    static final String PDB = ResourceTypes.PDB;
    static final String NODE_POOL = ResourceTypes.NODE_POOL;
    static final String CONTAINER = "spec.template.spec.containers[0]";

    static Registration deployment(ProgramRun run) {
        return run.onlyOne(DEPLOYMENT);
    }

    static Registration gpuPool(ProgramRun run) {
        return run.one(NODE_POOL, "gke-gpu");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void selectorPodLabelsAndServiceSelectorAgree(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        Registration deployment = deployment(run);

        Map<String, Object> selector = map(at(deployment, "spec.selector.matchLabels"));
        Map<String, Object> podLabels = map(at(deployment, "spec.template.metadata.labels"));
        assertThat(selector).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(selector);
        // With scale to zero the load balancer selects the interceptor and the backend Service the pods.
        boolean holdFirst = Fixtures.settings(stack).serving().autoscaling().scaleToZero();
        Registration pods = run.one(SERVICE, holdFirst ? "tf-serving-backend" : "tf-serving-service");
        assertThat(map(at(pods, "spec.selector"))).isEqualTo(selector);
        if (holdFirst) {
            assertThat(map(at(run.one(SERVICE, "tf-serving-service"), "spec.selector")))
                    .isEqualTo(Map.copyOf(TfServingService.INTERCEPTOR_SELECTOR));
        }
        run.ofType(PDB).forEach(pdb -> assertThat(map(at(pdb, "spec.selector.matchLabels"))).isEqualTo(selector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void podToleratesExactlyTheGpuPoolTaint(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        Map<String, Object> taint = map(at(gpuPool(run), "nodeConfig.taints[0]"));
        List<Object> tolerations = list(at(deployment(run), "spec.template.spec.tolerations"));

        assertThat(tolerations).hasSize(1);
        Map<String, Object> toleration = map(tolerations.get(0));
        assertThat(toleration.get("key")).isEqualTo(taint.get("key"));
        assertThat(toleration.get("operator")).isEqualTo("Equal");
        assertThat(toleration.get("value")).isEqualTo(taint.get("value"));
        // The node pool API spells the effect NO_SCHEDULE, the pod API NoSchedule.
        assertThat(taint.get("effect")).isEqualTo(GpuScheduling.TAINT_EFFECT_GKE);
        assertThat(toleration.get("effect")).isEqualTo("NoSchedule");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void nodeSelectorOnlyUsesLabelsTheGpuPoolReallyHas(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        Registration pool = gpuPool(run);
        Map<String, Object> poolLabels = map(at(pool, "nodeConfig.labels"));
        Object accelerator = at(pool, "nodeConfig.guestAccelerators[0].type");
        Map<String, Object> nodeSelector = map(at(deployment(run), "spec.template.spec.nodeSelector"));

        assertThat(nodeSelector).containsEntry(GpuScheduling.GKE_ACCELERATOR_LABEL, accelerator);
        nodeSelector.forEach((key, value) -> {
            if (!key.equals(GpuScheduling.GKE_ACCELERATOR_LABEL)) {
                // Any other key must be a label the program itself puts on the GPU pool's nodes.
                assertThat(poolLabels).as("GPU pool labels").containsEntry(key, value);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void gpuLimitEqualsGpusPerReplica(String stack) {
        Settings settings = Fixtures.settings(stack);
        var run = ProgramRun.of(stack).assertSucceeded();

        Map<String, Object> limits = map(at(deployment(run), CONTAINER + ".resources.limits"));
        assertThat(limits).containsEntry(GpuScheduling.GPU_RESOURCE, String.valueOf(settings.serving().gpusPerReplica()));
        assertThat(limits).containsEntry("cpu", settings.serving().resources().cpuLimit())
                .containsEntry("memory", settings.serving().resources().memoryLimit());
        assertThat(map(at(deployment(run), CONTAINER + ".resources.requests")))
                .containsEntry("cpu", settings.serving().resources().cpuRequest())
                .containsEntry("memory", settings.serving().resources().memoryRequest());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void probesAskForTheConfiguredModel(String stack) {
        Settings settings = Fixtures.settings(stack);
        var run = ProgramRun.of(stack).assertSucceeded();
        Registration deployment = deployment(run);
        String path = "/v1/models/" + settings.model().name();

        assertThat(at(deployment, CONTAINER + ".startupProbe.httpGet.path")).isEqualTo(path);
        assertThat(at(deployment, CONTAINER + ".startupProbe.httpGet.port")).isEqualTo("http");
        assertThat(at(deployment, CONTAINER + ".readinessProbe.httpGet.path")).isEqualTo(path);
        // Startup budget: failures x period covers the configured model-load time.
        double budget = (Double) at(deployment, CONTAINER + ".startupProbe.failureThreshold")
                * (Double) at(deployment, CONTAINER + ".startupProbe.periodSeconds");
        assertThat(budget).isGreaterThanOrEqualTo(settings.serving().startupTimeoutSeconds());
        // Liveness checks the server process, so a model reload failure cannot restart the pod.
        assertThat(at(deployment, CONTAINER + ".livenessProbe.httpGet")).isNull();
        assertThat(at(deployment, CONTAINER + ".livenessProbe.tcpSocket.port")).isEqualTo("grpc");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void cpuAutoscalerTargetsThisDeploymentWithinConfiguredBounds(String stack) throws Exception {
        Map<String, String> cpu = withCpuMetric(stack);
        Settings settings = Fixtures.settings(stack, cpu);
        var run = ProgramRun.of(stack, cpu).assertSucceeded();
        Registration hpa = run.onlyOne(HPA);

        assertThat(at(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
        assertThat(at(hpa, "spec.scaleTargetRef.apiVersion")).isEqualTo("apps/v1");
        assertThat(at(hpa, "spec.scaleTargetRef.name")).isEqualTo(at(deployment(run), "metadata.name"));
        assertThat(at(hpa, "metadata.namespace")).isEqualTo(at(deployment(run), "metadata.namespace"));
        assertThat(at(hpa, "spec.minReplicas")).isEqualTo((double) settings.serving().autoscaling().minReplicas());
        assertThat(at(hpa, "spec.maxReplicas")).isEqualTo((double) settings.serving().autoscaling().maxReplicas());
        assertThat(at(hpa, "spec.metrics[0].resource.target.averageUtilization"))
                .isEqualTo((double) settings.serving().autoscaling().targetCpuUtilization());
        assertThat(at(hpa, "spec.behavior.scaleUp.stabilizationWindowSeconds")).isEqualTo(0.0);
        assertThat((Double) at(hpa, "spec.behavior.scaleDown.stabilizationWindowSeconds")).isPositive();
        // The autoscaler owns the replica count; a fixed one in the Deployment would fight it on every update.
        assertThat(at(deployment(run), "spec.replicas")).isNull();
    }

    /** The stack's serving settings with autoscaling.metric cpu: the plain HPA instead of KEDA. */
    static Map<String, String> withCpuMetric(String stack) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var serving = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(Fixtures.config(stack).get(Fixtures.SERVING));
        var autoscaling = serving.with("autoscaling").put("metric", "cpu");
        // A plain HPA cannot scale from zero.
        autoscaling.put("minReplicas", Math.max(1, autoscaling.path("minReplicas").asInt(1)));
        return Map.of(Fixtures.SERVING, json.writeValueAsString(serving));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void keda_ownsTheReplicaCountWhereTheMetricIsNotCpu(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        assertThat(run.ofType(HPA)).as("no second autoscaler beside KEDA's").isEmpty();
        assertThat(at(run.onlyOne(ResourceTypes.SCALED_OBJECT), "spec.scaleTargetRef.name")).isEqualTo(at(deployment(run), "metadata.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void serviceIsALoadBalancerOnNamedRestAndGrpcPorts(String stack) {
        Settings settings = Fixtures.settings(stack);
        var run = ProgramRun.of(stack).assertSucceeded();
        Registration service = run.one(SERVICE, "tf-serving-service");
        boolean holdFirst = settings.serving().autoscaling().scaleToZero();
        // Scale to zero: both ports go to the interceptor's proxy port, which passes requests on to the backend.
        Registration pods = holdFirst ? run.one(SERVICE, "tf-serving-backend") : service;

        assertThat(at(service, "spec.type")).isEqualTo("LoadBalancer");
        assertThat(list(at(service, "spec.ports"))).containsExactly(
                Map.of("name", "http", "port", 8501.0, "targetPort", holdFirst ? "proxy" : "http", "protocol", "TCP"),
                Map.of("name", "grpc", "port", 8500.0, "targetPort", holdFirst ? "proxy" : "grpc", "protocol", "TCP"));
        assertThat(list(at(pods, "spec.ports"))).containsExactly(
                Map.of("name", "http", "port", 8501.0, "targetPort", "http", "protocol", "TCP"),
                Map.of("name", "grpc", "port", 8500.0, "targetPort", "grpc", "protocol", "TCP"));
        // Every target port is a port the container really names.
        assertThat(list(at(deployment(run), CONTAINER + ".ports"))).containsExactly(
                Map.of("name", "http", "containerPort", 8501.0, "protocol", "TCP"),
                Map.of("name", "grpc", "containerPort", 8500.0, "protocol", "TCP"));
        assertThat(at(service, "spec.loadBalancerSourceRanges")).isEqualTo(settings.serving().service().sourceRanges());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void imageIsTheDigestReferenceTheStackExports(String stack) {
        String digest = "us-central1-docker.pkg.dev/p/serving/iris@sha256:" + "ab".repeat(32);
        var run = ProgramRun.of(stack, Map.of("gke-gpu-serving:image", "{\"existingDigest\":\"" + digest + "\"}"))
                .assertSucceeded();

        assertThat(at(deployment(run), CONTAINER + ".image")).isEqualTo(digest);
        assertThat(run.outputValue("imageRef")).isEqualTo(digest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void configChecksumAnnotationFollowsTheBatchingSettings(String stack) {
        var before = ProgramRun.of(stack, Map.of(Fixtures.SERVING, "{\"batching\":{\"maxBatchSize\":32}}")).assertSucceeded();
        var after = ProgramRun.of(stack, Map.of(Fixtures.SERVING, "{\"batching\":{\"maxBatchSize\":64}}")).assertSucceeded();

        String annotation = "spec.template.metadata.annotations";
        Object checksumBefore = map(at(deployment(before), annotation)).get(ServingPod.CONFIG_CHECKSUM_ANNOTATION);
        Object checksumAfter = map(at(deployment(after), annotation)).get(ServingPod.CONFIG_CHECKSUM_ANNOTATION);
        assertThat(checksumBefore).isNotNull().isNotEqualTo(checksumAfter);
        // ... and it is the checksum of what the ConfigMap really holds.
        assertThat(checksumAfter).isEqualTo(ConfigChecksum.of(stringMap(at(after.one(CONFIG_MAP, "tf-serving-config"), "data"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void serverReadsTheMountedConfigMapFiles(String stack) throws Exception {
        var run = ProgramRun.of(stack).assertSucceeded();
        Registration deployment = deployment(run);
        Registration configMap = run.one(CONFIG_MAP, "tf-serving-config");
        Map<String, String> data = stringMap(at(configMap, "data"));

        assertThat(at(deployment, "spec.template.spec.volumes[0].configMap.name")).isEqualTo(at(configMap, "metadata.name"));
        assertThat(at(deployment, CONTAINER + ".volumeMounts[0].mountPath")).isEqualTo(ServingPod.CONFIG_DIR);
        for (Object arg : list(at(deployment, CONTAINER + ".args"))) {
            String flag = (String) arg;
            if (flag.contains("_file=")) {
                String file = flag.substring(flag.indexOf('=') + 1);
                assertThat(file).startsWith(ServingPod.CONFIG_DIR + "/");
                assertThat(data).as(flag).containsKey(file.substring(ServingPod.CONFIG_DIR.length() + 1));
            }
        }
        assertThat(TfServingConfigParser.modelServerConfig(data.get(TfServingConfigs.MODELS_CONFIG))
                .getModelConfigList().getConfig(0).getBasePath()).isEqualTo(Fixtures.settings(stack).model().basePathInImage());
        assertThat(TfServingConfigParser.monitoringConfig(data.get(TfServingConfigs.MONITORING_CONFIG))
                .getPrometheusConfig().getEnable()).isTrue();
        if (data.containsKey(TfServingConfigs.BATCHING_PARAMETERS)) {
            TfServingConfigParser.batchingParameters(data.get(TfServingConfigs.BATCHING_PARAMETERS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void rolloutSurgesOnlyWhereTheSurgePodHasAGpuAndDrainsGracefully(String stack) {
        Settings settings = Fixtures.settings(stack);
        var run = ProgramRun.of(stack).assertSucceeded();
        Registration deployment = deployment(run);

        boolean spareGpu = ReplicaCapacity.of(settings.gpuPool(), settings.serving()).total()
                > settings.serving().autoscaling().maxReplicas();
        assertThat(at(deployment, "spec.strategy.rollingUpdate")).isEqualTo(spareGpu
                ? Map.of("maxSurge", 1.0, "maxUnavailable", 0.0)
                : Map.of("maxSurge", 0.0, "maxUnavailable", 1.0));
        double grace = (Double) at(deployment, "spec.template.spec.terminationGracePeriodSeconds");
        assertThat(grace).isEqualTo((double) settings.serving().terminationGracePeriodSeconds());
        List<Object> preStop = list(at(deployment, CONTAINER + ".lifecycle.preStop.exec.command"));
        assertThat(preStop.get(0)).isEqualTo("sleep");
        assertThat(Double.parseDouble((String) preStop.get(1))).isPositive().isLessThan(grace);
        // Kubernetes would report a rollout stuck before a GPU node is up and the model loaded.
        assertThat((Double) at(deployment, "spec.progressDeadlineSeconds"))
                .isGreaterThan(settings.serving().startupTimeoutSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void zoneSpreadAndDisruptionBudgetFollowTheStackShape(String stack) {
        Settings settings = Fixtures.settings(stack);
        var run = ProgramRun.of(stack).assertSucceeded();
        Object spread = at(deployment(run), "spec.template.spec.topologySpreadConstraints");

        if (settings.gpuPool().zones().size() > 1) {
            assertThat(at(deployment(run), "spec.template.spec.topologySpreadConstraints[0].topologyKey"))
                    .isEqualTo("topology.kubernetes.io/zone");
        } else {
            assertThat(spread).isNull();
        }
        if (settings.serving().autoscaling().minReplicas() > 1) {
            assertThat(at(run.onlyOne(PDB), "spec.minAvailable")).isEqualTo(1.0);
        } else {
            assertThat(run.ofType(PDB)).as("a single replica must stay drainable").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void containerIsHardened(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        Registration deployment = deployment(run);

        assertThat(at(deployment, CONTAINER + ".securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(at(deployment, CONTAINER + ".securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
        assertThat(at(deployment, CONTAINER + ".securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(deployment, "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(deployment, "spec.template.spec.automountServiceAccountToken")).isEqualTo(false);
        // With a read-only root, TF Serving's scratch space must be a writable volume.
        assertThat(list(at(deployment, CONTAINER + ".volumeMounts")))
                .contains(Map.of("name", "tmp", "mountPath", "/tmp"));
        assertThat(at(deployment, "spec.template.spec.serviceAccountName"))
                .isEqualTo(at(run.one(ResourceTypes.K8S_SERVICE_ACCOUNT, "tf-serving-sa"), "metadata.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void everyObjectIsNamedAndLivesInTheServingNamespace(String stack) {
        Settings settings = Fixtures.settings(stack);
        var run = ProgramRun.of(stack).assertSucceeded();

        assertThat(at(run.one(ResourceTypes.NAMESPACE, "tf-serving-namespace"), "metadata.name")).isEqualTo(settings.serving().namespace());
        List<Registration> namespaced = run.registrations().stream()
                .filter(r -> r.type().startsWith("kubernetes:") && !r.type().equals(ResourceTypes.NAMESPACE)
                        && !r.type().startsWith("kubernetes:helm") && isServingObject(r))
                .toList();
        assertThat(namespaced).extracting(Registration::type)
                .contains(DEPLOYMENT, SERVICE, CONFIG_MAP, ResourceTypes.SCALED_OBJECT, ResourceTypes.K8S_SERVICE_ACCOUNT);
        for (Registration r : namespaced) {
            assertThat(at(r, "metadata.name")).as(r.type() + " name").isNotNull();
            assertThat(at(r, "metadata.namespace")).as(r.type() + " namespace").isEqualTo(settings.serving().namespace());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void outputsPointAtTheLoadBalancerAndTheModel(String stack) {
        Settings settings = Fixtures.settings(stack);
        var run = ProgramRun.of(stack).assertSucceeded();
        String model = settings.model().name();

        // The mock engine stands in for the cloud with a placeholder IP; the URL shape around it is real.
        String ip = "<known after up: load balancer IP of tf-serving-service>";
        assertThat(run.outputValue("restEndpoint")).isEqualTo("http://" + ip + ":8501/v1/models/" + model + ":predict");
        assertThat(run.outputValue("grpcEndpoint")).isEqualTo(ip + ":8500");
        assertThat(run.outputValue("modelStatusUrl")).isEqualTo("http://" + ip + ":8501/v1/models/" + model);
        assertThat(run.outputValue("modelName")).isEqualTo(model);
        assertThat(run.outputValue("namespace")).isEqualTo(settings.serving().namespace());
        assertThat(run.outputValue("imageRef")).isEqualTo(at(deployment(run), CONTAINER + ".image"));
    }

    private static boolean isServingObject(Registration r) {
        Object labels = at(r, "metadata.labels");
        return labels instanceof Map<?, ?> m && "tf-serving".equals(m.get("app.kubernetes.io/name"));
    }

    static Map<String, String> stringMap(Object value) {
        Map<String, String> out = new java.util.TreeMap<>();
        map(value).forEach((k, v) -> out.put(k, (String) v));
        return out;
    }
}
