package gkeserving.program.observability;

import com.pulumi.gcp.monitoring.AlertPolicyArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionConditionPrometheusQueryLanguageArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyDocumentationArgs;
import gkeserving.program.config.Settings;

import java.util.ArrayList;
import java.util.List;

/**
 * Alert policies on PromQL conditions (Managed Service for Prometheus), each notifying {@code serving.alerts
 * .notificationChannels} (none by default: the incident still opens in Cloud Monitoring).
 */
public final class ServingAlerts {
    static final String FIVE_MINUTES = "300s";
    static final String FIFTEEN_MINUTES = "900s";
    static final double ERROR_RATIO = 0.01;
    /** The HTTP add-on's interceptor counts its answers by code; a held request that timed out is a 504. */
    static final String INTERCEPTOR_REQUESTS = "interceptor_request_count_total";

    /** @param key the policy's name suffix; @param args its args */
    public record Policy(String key, AlertPolicyArgs args) {
    }

    private ServingAlerts() {
    }

    public static List<Policy> of(Settings s, ServingQueries q) {
        String model = s.model().name();
        var alerts = s.serving().alerts();
        List<Policy> policies = new ArrayList<>();
        policies.add(policy(s, "p99-latency", model + ": p99 latency above " + alerts.p99LatencyMs() + " ms",
                q.requestLatencyMs(0.99) + " > " + alerts.p99LatencyMs(), FIVE_MINUTES,
                "TF Serving's p99 request latency (successful requests) stayed above serving.alerts.p99LatencyMs for 5 minutes."));
        policies.add(policy(s, "error-ratio", model + ": more than 1% of requests fail",
                q.errorRatio() + " > " + ERROR_RATIO, FIVE_MINUTES,
                "More than 1% of TF Serving's requests ended with a status other than OK for 5 minutes."));
        // kube_pod_status_phase: GKE's kube state metrics package (README, "Metrics").
        policies.add(policy(s, "pending-gpu", model + ": serving pods Pending for 15 minutes",
                "sum(kube_pod_status_phase{namespace=\"" + q.namespace() + "\",pod=~\"" + q.workload() + "-.*\",phase=\"Pending\"}) > 0",
                FIFTEEN_MINUTES, "A serving pod has waited 15 minutes for a GPU: the cluster autoscaler gives up on a node after"
                        + " that long (no capacity or quota in the pool's zones)."));
        if (s.serving().autoscaling().scaleToZero()) {
            policies.add(policy(s, "held-timeouts", model + ": held requests time out",
                    "sum(rate(" + INTERCEPTOR_REQUESTS + "{namespace=\"" + q.namespace() + "\",code=\"504\"}[5m])) > 0", "0s",
                    "Requests held while the model scaled up from zero waited longer than serving.autoscaling.holdTimeoutSeconds"
                            + " and were answered 504."));
        }
        return policies;
    }

    private static Policy policy(Settings s, String key, String title, String query, String duration, String why) {
        return new Policy(key, AlertPolicyArgs.builder()
                .project(s.gcp().project())
                .displayName(title + " (" + s.stack() + ")")
                .combiner("OR")
                .conditions(AlertPolicyConditionArgs.builder()
                        .displayName(title)
                        .conditionPrometheusQueryLanguage(AlertPolicyConditionConditionPrometheusQueryLanguageArgs.builder()
                                .query(query).duration(duration).evaluationInterval("60s").build())
                        .build())
                .notificationChannels(s.serving().alerts().notificationChannels())
                .documentation(AlertPolicyDocumentationArgs.builder().content(why).mimeType("text/markdown").build())
                .build());
    }
}
