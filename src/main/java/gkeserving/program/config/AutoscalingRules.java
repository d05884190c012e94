package gkeserving.program.config;

/** The rules of {@code serving.autoscaling} and {@code serving.alerts}, each message naming the key (part of {@link SettingsValidator}). */
final class AutoscalingRules {
    private AutoscalingRules() {
    }

    /** The scaling signal must exist: KEDA for scale to zero, batching for its queue, DCGM for GPU utilisation. */
    static void validate(Settings s, Problems p) {
        var a = s.serving().autoscaling();
        p.check(a.minReplicas() >= 0, "serving.autoscaling.minReplicas (" + a.minReplicas() + ") must be >= 0");
        p.check(!(a.scaleToZero() && !a.keda()), "serving.autoscaling.minReplicas 0 (scale to zero) needs KEDA, but"
                + " serving.autoscaling.metric is cpu: a plain HPA cannot scale from zero; choose queue-latency,"
                + " request-rate or gpu-utilization");
        p.check(!(a.metric() == ServingSettings.Autoscaling.Metric.QUEUE_LATENCY && !s.serving().batching().enabled()),
                "serving.autoscaling.metric queue-latency needs serving.batching.enabled: true: without batching"
                        + " TF Serving has no batch queue to measure; choose request-rate, gpu-utilization or cpu");
        p.check(!(a.metric() == ServingSettings.Autoscaling.Metric.GPU_UTILIZATION
                        && s.gpuPool().devicePlugin() != GpuPoolSettings.DevicePlugin.NVIDIA),
                "serving.autoscaling.metric gpu-utilization needs GPU metrics, which are scraped only from the GPU"
                        + " Operator's DCGM exporter (gpuPool.devicePlugin nvidia); gpuPool.devicePlugin is "
                        + s.gpuPool().devicePlugin());
        p.check(a.targetQueueLatencyMs() >= 1 && a.targetQueueLatencyMs() <= 60_000,
                "serving.autoscaling.targetQueueLatencyMs (" + a.targetQueueLatencyMs() + ") must be 1..60000 (milliseconds)");
        p.check(a.queueLatencyQuantile() > 0 && a.queueLatencyQuantile() < 1,
                "serving.autoscaling.queueLatencyQuantile (" + a.queueLatencyQuantile() + ") must be > 0 and < 1, e.g. 0.9");
        p.check(a.targetRequestsPerSecond() > 0,
                "serving.autoscaling.targetRequestsPerSecond (" + a.targetRequestsPerSecond() + ") must be > 0 (per replica)");
        p.check(a.targetGpuUtilization() >= 1 && a.targetGpuUtilization() <= 100,
                "serving.autoscaling.targetGpuUtilization (" + a.targetGpuUtilization() + ") must be 1..100 (percent)");
        p.check(a.idleMinutes() >= 1 && a.idleMinutes() <= 1440,
                "serving.autoscaling.idleMinutes (" + a.idleMinutes() + ") must be 1..1440");
        p.check(a.holdTimeoutSeconds() >= 30 && a.holdTimeoutSeconds() <= 3600,
                "serving.autoscaling.holdTimeoutSeconds (" + a.holdTimeoutSeconds() + ") must be 30..3600");
        var alerts = s.serving().alerts();
        p.check(alerts.p99LatencyMs() >= 1, "serving.alerts.p99LatencyMs (" + alerts.p99LatencyMs() + ") must be >= 1");
        for (String channel : alerts.notificationChannels()) {
            p.check(channel.matches("projects/[^/]+/notificationChannels/[^/]+"), "serving.alerts.notificationChannels entry ("
                    + channel + ") must be a channel name projects/<project>/notificationChannels/<id>");
        }
    }
}
