package gkeserving.tools.pipeline;

import gkeserving.tools.check.PolicySummary;
import gkeserving.tools.pipeline.smoke.SmokeResult;

import java.util.List;
import java.util.Map;

/**
 * What one pipeline run did, written as JSON to target/pipeline/&lt;stack&gt;-&lt;timestamp&gt;.json,
 * on failure too. Absent parts are null (e.g. no outputs when preview failed, no promotion tags outside
 * promote). The smoke test's result is embedded whole: verdict, phase, endpoints, served version, latency
 * and phase timings. {@code timeline} is every resource operation of the update (also a failed one) with
 * its start and end; {@code criticalPath} the chain of them that decided the update's duration (see
 * {@link CriticalPath}).
 * {@code policy} is the policy check run before the preview (null when none ran).
 */
public record RunReport(
        String command,
        String stack,
        String sourceStack,
        List<PromotionTagStep> promotionTags,
        String projectDir,
        String startedAt,
        String finishedAt,
        double durationSeconds,
        int exitCode,
        Map<String, Integer> changeSummary,
        GateDecision gate,
        Map<String, Object> outputs,
        SmokeResult smokeTest,
        List<TimedOperation> timeline,
        List<TimedOperation> criticalPath,
        String error,
        PolicySummary policy) {
}
