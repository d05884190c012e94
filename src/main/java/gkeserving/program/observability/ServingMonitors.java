package gkeserving.program.observability;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import gkeserving.program.autoscaling.CustomObject;
import gkeserving.program.serving.ServingLabels;
import gkeserving.program.serving.TfServingConfigs;
import gkeserving.program.serving.TfServingFlags;
import gkeserving.program.serving.TfServingService;

import java.util.List;
import java.util.Map;

/**
 * What Managed Service for Prometheus scrapes (CRDs of managed collection, GoogleCloudPlatform/prometheus-engine):
 * TF Serving's metrics on its REST port, and in nvidia mode the GPU Operator's DCGM exporter.
 */
public final class ServingMonitors {
    public static final String API_VERSION = "monitoring.googleapis.com/v1";
    public static final String INTERVAL = "15s";
    /** The GPU Operator's DCGM exporter: its pods' label and the name of its port (9400). */
    static final Map<String, String> DCGM_SELECTOR = Map.of("app", "nvidia-dcgm-exporter");
    static final String DCGM_PORT = "metrics";
    static final String DCGM_MONITOR = "nvidia-dcgm-exporter";
    static final int INTERCEPTOR_METRICS_PORT = 2223;

    private ServingMonitors() {
    }

    /** Exactly the serving pods (the Deployment's own selector), their REST port and TF Serving's metrics path. */
    public static CustomObject.Definition podMonitoring(ServingLabels labels, Output<String> namespace) {
        return new CustomObject.Definition(API_VERSION, "PodMonitoring",
                ObjectMetaArgs.builder().name(labels.workload()).namespace(namespace).labels(labels.labels()).build(),
                Map.of("selector", Map.of("matchLabels", labels.selector()),
                        "endpoints", List.of(Map.of(
                                "port", TfServingFlags.REST_PORT,
                                "path", TfServingConfigs.PROMETHEUS_PATH,
                                "interval", INTERVAL))));
    }

    /**
     * The HTTP add-on's interceptor (scale to zero), which serves OpenTelemetry's Prometheus exporter on
     * {@link #INTERCEPTOR_METRICS_PORT} (http-add-on v0.15.0 pkg/observability/config.go, OTEL_PROM_EXPORTER_PORT).
     */
    public static CustomObject.Definition interceptorMonitoring(Output<String> namespace) {
        return new CustomObject.Definition(API_VERSION, "PodMonitoring",
                ObjectMetaArgs.builder().name("keda-add-ons-http-interceptor").namespace(namespace)
                        .labels(Map.of("app.kubernetes.io/part-of", "gke-gpu-serving")).build(),
                Map.of("selector", Map.of("matchLabels", TfServingService.INTERCEPTOR_SELECTOR),
                        "endpoints", List.of(Map.of("port", INTERCEPTOR_METRICS_PORT, "path", "/metrics", "interval", INTERVAL))));
    }

    /** Cluster-wide: the exporter runs in the operator's namespace, not the serving one. */
    public static CustomObject.Definition dcgmMonitoring() {
        return new CustomObject.Definition(API_VERSION, "ClusterPodMonitoring",
                ObjectMetaArgs.builder().name(DCGM_MONITOR).labels(Map.of("app.kubernetes.io/part-of", "gke-gpu-serving"))
                        .build(),
                Map.of("selector", Map.of("matchLabels", DCGM_SELECTOR),
                        "endpoints", List.of(Map.of("port", DCGM_PORT, "interval", INTERVAL))));
    }
}
