package gkeserving.program.observability;

import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.ResourceTypes;
import gkeserving.program.StackExport;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Alerts and the dashboard as the shipped stacks register them. */
class ServingObservabilityTest {

    private static String query(Registration policy) {
        return (String) at(policy, "conditions[0].conditionPrometheusQueryLanguage.query");
    }

    private static Registration policy(ProgramRun run, String key) {
        return run.one(ResourceTypes.ALERT_POLICY, "observability-" + key);
    }

    @Test
    void prodAlertsOnP99LatencyErrorsAndPendingPodsWithoutNotifyingAnyoneByDefault() {
        var run = ProgramRun.of("prod").assertSucceeded();

        assertThat(run.ofType(ResourceTypes.ALERT_POLICY)).extracting(Registration::name).containsExactlyInAnyOrder(
                "observability-p99-latency", "observability-error-ratio", "observability-pending-gpu");
        assertThat(query(policy(run, "p99-latency"))).startsWith("histogram_quantile(0.99, ")
                .contains(ServingQueries.REQUEST_LATENCY + "_bucket{").endsWith(" > 1000");
        assertThat(at(policy(run, "p99-latency"), "conditions[0].conditionPrometheusQueryLanguage.duration")).isEqualTo("300s");
        assertThat(query(policy(run, "error-ratio"))).contains("status!=\"OK\"").endsWith(" > 0.01");
        assertThat(at(policy(run, "pending-gpu"), "conditions[0].conditionPrometheusQueryLanguage.duration")).isEqualTo("900s");
        assertThat(at(policy(run, "p99-latency"), "notificationChannels")).isEqualTo(List.of());
    }

    @Test
    void theLatencyBoundAndTheChannelsComeFromConfig() {
        String channel = "projects/gke-gpu-serving-dev/notificationChannels/123";
        var run = ProgramRun.of("dev", Map.of(Fixtures.SERVING,
                "{\"alerts\":{\"p99LatencyMs\":250,\"notificationChannels\":[\"" + channel + "\"]}}")).assertSucceeded();

        assertThat(query(policy(run, "p99-latency"))).endsWith(" > 250");
        assertThat(at(policy(run, "error-ratio"), "notificationChannels")).isEqualTo(List.of(channel));
    }

    @Test
    void devWhichScalesToZeroAlsoAlertsOnHeldRequestsTimingOut() {
        var run = ProgramRun.of("dev").assertSucceeded();

        assertThat(query(policy(run, "held-timeouts"))).contains("interceptor_request_count_total{").contains("code=\"504\"");
        Registration interceptor = run.one(ResourceTypes.POD_MONITORING, "observability-interceptor");
        assertThat(at(interceptor, "metadata.namespace")).isEqualTo("serving");
    }

    @Test
    void theDashboardChartsEveryAskedForSignalAndItsUrlIsAnOutput() {
        var run = ProgramRun.of("prod").assertSucceeded();
        String json = (String) at(run.onlyOne(ResourceTypes.DASHBOARD), "dashboardJson");

        for (String metric : List.of(ServingQueries.REQUEST_COUNT, ServingQueries.REQUEST_LATENCY, ServingQueries.QUEUING_LATENCY,
                ServingQueries.PROCESSED_BATCH_SIZE, ServingQueries.INPUT_BATCH_SIZE, ServingQueries.GPU_UTIL,
                "kube_deployment_status_replicas_available")) {
            assertThat(json).contains(metric);
        }
        assertThat(ServingDashboard.charts(new ServingQueries("serving", "tf-serving-iris"))).hasSize(10);
        assertThat((String) run.outputValue(StackExport.DASHBOARD_URL.key()))
                .startsWith("https://console.cloud.google.com/monitoring/dashboards/custom/").endsWith("?project=gke-gpu-serving-prod");
    }

    @Test
    void theDashboardUrlIsTheConsolePageOfTheDashboardId() {
        assertThat(ServingDashboard.url("p", "projects/123/dashboards/abc-def"))
                .isEqualTo("https://console.cloud.google.com/monitoring/dashboards/custom/abc-def?project=p");
    }
}
