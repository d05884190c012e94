package gkeserving.tools.pipeline;

import java.util.Map;

/**
 * What one pipeline run did, written as JSON to target/pipeline/&lt;stack&gt;-&lt;timestamp&gt;.json,
 * on failure too. Absent parts are null (e.g. no outputs when preview failed).
 */
public record RunReport(
        String command,
        String stack,
        String sourceStack,
        String projectDir,
        String startedAt,
        String finishedAt,
        double durationSeconds,
        int exitCode,
        Map<String, Integer> changeSummary,
        GateDecision gate,
        Map<String, Object> outputs,
        SmokeReport smokeTest,
        String error) {

    /** The smoke test as reported: status is passed, failed or skipped. */
    public record SmokeReport(String status, String phase, String message) {
        static SmokeReport of(SmokeOutcome outcome) {
            return new SmokeReport(outcome.passed() ? "passed" : "failed", outcome.phase(), outcome.message());
        }

        static SmokeReport skipped() {
            return new SmokeReport("skipped", null, "--skip-smoke");
        }
    }
}
