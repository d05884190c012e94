package gkeserving.program.serving;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleHandlerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.TCPSocketActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.TopologySpreadConstraintArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import gkeserving.program.cluster.GpuScheduling;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.ModelSettings;
import gkeserving.program.config.ServingSettings;

import java.util.Map;

/**
 * The pod TF Serving runs in: one hardened container on the GPU pool, probed on its model's status.
 *
 * @param configMapName      outputs, so the Deployment waits for the objects it mounts and runs as
 * @param serviceAccountName see {@code configMapName}
 * @param configChecksum     {@link ConfigChecksum} of the mounted ConfigMap; a change rolls the pods
 */
record ServingPod(ModelSettings model, ServingSettings serving, GpuPoolSettings gpuPool, boolean warmupData,
                  ServingLabels labels, Output<String> configMapName, Output<String> serviceAccountName,
                  String configChecksum) {

    static final String CONTAINER = "tf-serving";
    static final String HTTP = "http";
    static final String GRPC = "grpc";
    static final String CONFIG_DIR = "/etc/tfserving";
    static final String CONFIG_CHECKSUM_ANNOTATION = "gke-gpu-serving/config-checksum";
    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    /** The pod label the ReplicaSet controller sets per template; one rollout's pods share its value. */
    static final String POD_TEMPLATE_HASH = "pod-template-hash";
    /**
     * TF Serving needs no root. The official image runs as root only by default; the serving image sets
     * this uid and copies the model world-readable, so the pod runs as the same unprivileged user.
     */
    static final int NON_ROOT_UID = gkeserving.program.image.ImageBuild.NON_ROOT_UID;
    /** Long enough for endpoint removal plus the GCP load balancer's failing health checks (3 x 8 s). */
    static final int MAX_DRAIN_PAUSE_SECONDS = 30;

    PodTemplateSpecArgs template(Output<String> image) {
        return PodTemplateSpecArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .labels(labels.labels())
                        .annotations(Map.of(CONFIG_CHECKSUM_ANNOTATION, configChecksum))
                        .build())
                .spec(spec(image))
                .build();
    }

    private PodSpecArgs spec(Output<String> image) {
        var spec = PodSpecArgs.builder()
                .serviceAccountName(serviceAccountName)
                // TF Serving never calls the Kubernetes API: no token in the pod.
                .automountServiceAccountToken(false)
                .terminationGracePeriodSeconds(serving.terminationGracePeriodSeconds())
                .nodeSelector(GpuScheduling.gpuNodeSelector(gpuPool))
                .tolerations(GpuScheduling.gpuTolerationArgs())
                .securityContext(PodSecurityContextArgs.builder()
                        .runAsNonRoot(true)
                        .runAsUser(NON_ROOT_UID)
                        .runAsGroup(NON_ROOT_UID)
                        .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                        .build())
                .containers(container(image))
                .volumes(
                        VolumeArgs.builder().name("config")
                                .configMap(ConfigMapVolumeSourceArgs.builder().name(configMapName).build()).build(),
                        VolumeArgs.builder().name("tmp")
                                .emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit("1Gi").build()).build(),
                        CudaJitCache.volume());
        if (gpuPool.multiZone()) {
            spec.topologySpreadConstraints(zoneSpread());
        }
        return spec.build();
    }

    StartupBudget startup() {
        return StartupBudget.of(serving, gpuPool);
    }

    private ContainerArgs container(Output<String> image) {
        return ContainerArgs.builder()
                .name(CONTAINER)
                .image(image)
                .command(TfServingFlags.SERVER_BINARY)
                .args(TfServingFlags.args(serving, CONFIG_DIR, warmupData))
                .ports(port(HTTP, TfServingFlags.REST_PORT), port(GRPC, TfServingFlags.GRPC_PORT))
                .env(CudaJitCache.env())
                .resources(resources())
                .startupProbe(modelStatusProbe().failureThreshold(startup().probeFailureThreshold()).build())
                .readinessProbe(modelStatusProbe().failureThreshold(3).build())
                .livenessProbe(serverAliveProbe())
                .lifecycle(LifecycleArgs.builder()
                        .preStop(LifecycleHandlerArgs.builder()
                                .exec(ExecActionArgs.builder()
                                        .command("sleep", String.valueOf(drainPauseSeconds(serving.terminationGracePeriodSeconds())))
                                        .build())
                                .build())
                        .build())
                .securityContext(SecurityContextArgs.builder()
                        .allowPrivilegeEscalation(false)
                        .privileged(false)
                        .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                        // TF Serving writes nothing but temporary files, which go to the /tmp emptyDir.
                        .readOnlyRootFilesystem(true)
                        .runAsNonRoot(true)
                        .build())
                .volumeMounts(
                        VolumeMountArgs.builder().name("config").mountPath(CONFIG_DIR).readOnly(true).build(),
                        VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build(),
                        CudaJitCache.mount())
                .build();
    }

    private ResourceRequirementsArgs resources() {
        var r = serving.resources();
        return ResourceRequirementsArgs.builder()
                .requests(Map.of("cpu", r.cpuRequest(), "memory", r.memoryRequest()))
                // Extended resources go in limits; Kubernetes sets the request equal to it.
                .limits(Map.of("cpu", r.cpuLimit(), "memory", r.memoryLimit(),
                        GpuScheduling.GPU_RESOURCE, String.valueOf(serving.gpusPerReplica())))
                .build();
    }

    /**
     * Spread over the pool's zones, counting only pods of the same template (pod-template-hash, a beta field on
     * by default since Kubernetes 1.27), so a rollout's new pods spread by themselves. With minReplicas >= 2 it
     * holds: zones differ by one replica at most, so two or more replicas run in two zones or more (minDomains 2,
     * GA in 1.30, counts a zone without a node yet as holding none, so the autoscaler adds one there). The price:
     * during a zonal GPU stockout a replica that would unbalance the zones waits. A single replica needs no second
     * zone, so there the spread is a preference that never leaves a pod pending.
     */
    private TopologySpreadConstraintArgs zoneSpread() {
        var spread = TopologySpreadConstraintArgs.builder()
                .maxSkew(1)
                .topologyKey(ZONE_LABEL)
                .labelSelector(labels.selectorArgs())
                .matchLabelKeys(POD_TEMPLATE_HASH);
        if (serving.autoscaling().minReplicas() >= 2) {
            return spread.whenUnsatisfiable("DoNotSchedule").minDomains(2).build();
        }
        return spread.whenUnsatisfiable("ScheduleAnyway").build();
    }

    /** {@code GET /v1/models/<name>} answers only once the server is up with the model loaded. */
    private ProbeArgs.Builder modelStatusProbe() {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path(Endpoints.modelPath(model.name())).port(HTTP).build())
                .periodSeconds(StartupBudget.PROBE_PERIOD_SECONDS)
                .timeoutSeconds(5);
    }

    /**
     * Kubernetes starts the liveness probe only after the startup probe has passed, so a pod still
     * loading its model is never killed. It asks whether the server answers at all, not about the model:
     * a failed version reload should make the pod unready, not restart it.
     */
    private ProbeArgs serverAliveProbe() {
        return ProbeArgs.builder()
                .tcpSocket(TCPSocketActionArgs.builder().port(GRPC).build())
                .periodSeconds(20)
                .timeoutSeconds(5)
                .failureThreshold(3)
                .build();
    }

    private static ContainerPortArgs port(String name, int number) {
        return ContainerPortArgs.builder().name(name).containerPort(number).protocol("TCP").build();
    }

    /**
     * The preStop pause keeps a terminating pod serving while the load balancer stops sending to it.
     * At most half the grace period, so the server keeps the other half to finish requests in flight.
     */
    static int drainPauseSeconds(int terminationGracePeriodSeconds) {
        return Math.min(MAX_DRAIN_PAUSE_SECONDS, terminationGracePeriodSeconds / 2);
    }
}
