package gkeserving.program.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.pulumi.gcp.monitoring.DashboardArgs;
import gkeserving.program.config.Settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One Cloud Monitoring dashboard of PromQL charts: traffic, latency, errors, batching, GPUs, replicas and nodes. */
public final class ServingDashboard {
    static final int COLUMNS = 12;
    static final int TILE_WIDTH = 6;
    static final int TILE_HEIGHT = 4;
    /** Keys sorted: the same dashboard is the same text on every run (no diff on a second update). */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private ServingDashboard() {
    }

    public static DashboardArgs args(Settings s, ServingQueries q) {
        return DashboardArgs.builder().project(s.gcp().project()).dashboardJson(json(s, q)).build();
    }

    /** @return chart title → PromQL, in display order */
    static Map<String, String> charts(ServingQueries q) {
        var charts = new LinkedHashMap<String, String>();
        charts.put("Requests/s", q.requestRate());
        charts.put("Latency p50 (ms)", q.requestLatencyMs(0.5));
        charts.put("Latency p99 (ms)", q.requestLatencyMs(0.99));
        charts.put("Error ratio (non-OK)", q.errorRatio());
        charts.put("Queueing latency p90 (ms)", q.queuingLatencyMs(0.9));
        charts.put("Batch size: processed", q.meanBatchSize(ServingQueries.PROCESSED_BATCH_SIZE));
        charts.put("Batch size: input", q.meanBatchSize(ServingQueries.INPUT_BATCH_SIZE));
        charts.put("GPU utilisation (%)", q.gpuUtilization());
        // kube state metrics (GKE package) for the replica count; DCGM reports one series per GPU per node.
        charts.put("Replicas available", "sum(kube_deployment_status_replicas_available{namespace=\"" + q.namespace()
                + "\",deployment=\"" + q.workload() + "\"})");
        charts.put("GPU nodes (reporting DCGM)", "count(count by (Hostname) (" + ServingQueries.GPU_UTIL + "))");
        return charts;
    }

    static String json(Settings s, ServingQueries q) {
        List<Map<String, Object>> tiles = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> chart : charts(q).entrySet()) {
            tiles.add(Map.of("xPos", (i % (COLUMNS / TILE_WIDTH)) * TILE_WIDTH, "yPos", (i / (COLUMNS / TILE_WIDTH)) * TILE_HEIGHT,
                    "width", TILE_WIDTH, "height", TILE_HEIGHT, "widget", Map.of("title", chart.getKey(),
                            "xyChart", Map.of("dataSets", List.of(Map.of("plotType", "LINE",
                                    "timeSeriesQuery", Map.of("prometheusQuery", chart.getValue())))))));
            i++;
        }
        var dashboard = new LinkedHashMap<String, Object>();
        dashboard.put("displayName", "TF Serving " + s.model().name() + " (" + s.stack() + ")");
        dashboard.put("mosaicLayout", Map.of("columns", COLUMNS, "tiles", tiles));
        try {
            return JSON.writeValueAsString(dashboard);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dashboard JSON", e);
        }
    }

    /** The console page of a dashboard whose id is {@code projects/<number>/dashboards/<id>}. */
    public static String url(String project, String dashboardId) {
        return "https://console.cloud.google.com/monitoring/dashboards/custom/"
                + dashboardId.substring(dashboardId.lastIndexOf('/') + 1) + "?project=" + project;
    }
}
