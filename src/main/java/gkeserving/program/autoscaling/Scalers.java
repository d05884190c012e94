package gkeserving.program.autoscaling;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import gkeserving.program.config.ServingSettings;
import gkeserving.program.observability.ServingQueries;
import gkeserving.program.serving.ServingLabels;
import gkeserving.program.serving.TfServingFlags;
import gkeserving.program.serving.TfServingService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KEDA's objects for the serving Deployment (CRDs of kedacore/keda v2.20.2 and kedacore/http-add-on v0.15.0):
 * one ScaledObject that owns the Deployment's replica count, a TriggerAuthentication that reads Managed
 * Prometheus as the operator's Google identity, and with scale to zero one HTTPScaledObject per port, whose
 * requests held in the interceptor wake the Deployment from zero.
 */
public final class Scalers {
    public static final String KEDA_API = "keda.sh/v1alpha1";
    public static final String HTTP_API = "http.keda.sh/v1alpha1";
    static final String AUTH_NAME = "managed-prometheus";
    static final String PROMETHEUS_SERVER = "https://monitoring.googleapis.com/v1/projects/%s/location/global/prometheus";
    /** The HTTP add-on's external scaler (chart service {@code <chart>-external-scaler}, gRPC port 9090). */
    static final String HTTP_SCALER = "keda-add-ons-http-external-scaler.%s:9090";
    /** HTTPScaledObjects skip their own ScaledObject: the Deployment has exactly one, this one. */
    static final String SKIP_SCALED_OBJECT = "httpscaledobject.keda.sh/skip-scaledobject-creation";
    static final int POLLING_SECONDS = 15;
    /** After this many failed metric reads the Deployment holds {@link #fallbackReplicas}. */
    static final int FALLBACK_FAILURES = 3;

    /** One HTTPScaledObject per port: REST by its path prefix, gRPC by TF Serving's service names. */
    public enum Route {
        REST("rest", TfServingFlags.REST_PORT, "/v1/"),
        GRPC("grpc", TfServingFlags.GRPC_PORT, "/tensorflow.serving.");

        final String suffix;
        final int port;
        final String pathPrefix;

        Route(String suffix, int port, String pathPrefix) {
            this.suffix = suffix;
            this.port = port;
            this.pathPrefix = pathPrefix;
        }
    }

    private Scalers() {
    }

    static CustomObject.Definition triggerAuthentication(ServingLabels labels, Output<String> namespace) {
        return new CustomObject.Definition(KEDA_API, "TriggerAuthentication", metadata(AUTH_NAME, labels, namespace, Map.of()),
                Map.of("podIdentity", Map.of("provider", "gcp")));
    }

    /**
     * @param project the GCP project whose Managed Prometheus holds the metrics
     * @param queries PromQL of this model's pods
     */
    public static CustomObject.Definition scaledObject(ServingLabels labels, Output<String> namespace,
                                                       ServingSettings.Autoscaling a, String project, ServingQueries queries) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", labels.workload()));
        spec.put("minReplicaCount", a.minReplicas());
        spec.put("maxReplicaCount", a.maxReplicas());
        spec.put("pollingInterval", POLLING_SECONDS);
        // Only the step from one replica to zero waits this long; scaling between 1 and max follows the behaviour.
        spec.put("cooldownPeriod", a.idleMinutes() * 60);
        spec.put("fallback", Map.of("failureThreshold", FALLBACK_FAILURES, "replicas", fallbackReplicas(a)));
        spec.put("advanced", Map.of("horizontalPodAutoscalerConfig", Map.of("behavior", Behavior.tuned())));
        spec.put("triggers", triggers(labels, a, project, queries, queries.namespace()));
        return new CustomObject.Definition(KEDA_API, "ScaledObject", metadata(labels.workload(), labels, namespace, Map.of()), spec);
    }

    /** Blind (metrics unreadable), keep what serving needs at least, and one replica even for a stack that may idle. */
    static int fallbackReplicas(ServingSettings.Autoscaling a) {
        return Math.max(1, a.minReplicas());
    }

    /** @param namespaceName the serving namespace, where the HTTP add-on runs beside the model */
    static List<Map<String, Object>> triggers(ServingLabels labels, ServingSettings.Autoscaling a, String project,
                                              ServingQueries queries, String namespaceName) {
        List<Map<String, Object>> triggers = new ArrayList<>();
        var metadata = new LinkedHashMap<String, String>();
        metadata.put("serverAddress", PROMETHEUS_SERVER.formatted(project));
        metadata.put("query", queries.scalingQuery(a));
        metadata.put("threshold", ServingQueries.number(threshold(a)));
        // Zero load is no reason to wake a workload at zero; held requests are (the HTTP triggers).
        metadata.put("activationThreshold", "0");
        triggers.add(Map.of("type", "prometheus", "name", a.metric().toString(), "metricType", metricType(a),
                "metadata", metadata, "authenticationRef", Map.of("name", AUTH_NAME, "kind", "TriggerAuthentication")));
        if (a.scaleToZero()) {
            for (Route route : Route.values()) {
                triggers.add(Map.of("type", "external-push", "name", "held-" + route.suffix, "metadata", Map.of(
                        "scalerAddress", HTTP_SCALER.formatted(namespaceName), "httpScaledObject", httpName(labels, route))));
            }
        }
        return triggers;
    }

    /** A latency or a utilisation is the same per replica however many there are; a request rate is shared. */
    static String metricType(ServingSettings.Autoscaling a) {
        return a.metric() == ServingSettings.Autoscaling.Metric.REQUEST_RATE ? "AverageValue" : "Value";
    }

    static double threshold(ServingSettings.Autoscaling a) {
        return switch (a.metric()) {
            case QUEUE_LATENCY -> a.targetQueueLatencyMs();
            case REQUEST_RATE -> a.targetRequestsPerSecond();
            case GPU_UTILIZATION -> a.targetGpuUtilization();
            case CPU -> throw new IllegalArgumentException("cpu is scaled by the HPA");
        };
    }

    /** Routes every host's requests on {@code route}'s prefix to the serving Service, holding them while at zero. */
    static CustomObject.Definition httpScaledObject(ServingLabels labels, Output<String> namespace,
                                                    ServingSettings.Autoscaling a, Route route) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("pathPrefixes", List.of(route.pathPrefix));
        spec.put("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", labels.workload(),
                "service", TfServingService.backendName(labels), "port", route.port));
        spec.put("replicas", Map.of("min", a.minReplicas(), "max", a.maxReplicas()));
        spec.put("scaledownPeriod", a.idleMinutes() * 60);
        spec.put("timeouts", Map.of("conditionWait", a.holdTimeoutSeconds() + "s"));
        return new CustomObject.Definition(HTTP_API, "HTTPScaledObject",
                metadata(httpName(labels, route), labels, namespace, Map.of(SKIP_SCALED_OBJECT, "true")), spec);
    }

    static String httpName(ServingLabels labels, Route route) {
        return labels.workload() + "-" + route.suffix;
    }

    private static ObjectMetaArgs metadata(String name, ServingLabels labels, Output<String> namespace,
                                           Map<String, String> annotations) {
        var builder = ObjectMetaArgs.builder().name(name).namespace(namespace).labels(labels.labels());
        return annotations.isEmpty() ? builder.build() : builder.annotations(annotations).build();
    }
}
