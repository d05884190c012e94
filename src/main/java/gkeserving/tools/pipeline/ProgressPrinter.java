package gkeserving.tools.pipeline;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.events.StepEventMetadata;
import com.pulumi.automation.events.SummaryEvent;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints one line per finished resource operation as engine events arrive:
 * {@code [ 3/17] + gcp:container/nodePool:NodePool gpu-pool created (41.2s)}; collects error
 * diagnostics and the engine's summary for the end of the run.
 */
final class ProgressPrinter implements Consumer<EngineEvent> {
    private final PrintStream out;
    private final Clock clock;
    private final long expectedOperations;
    private final Map<String, Long> startedAtMillis = new HashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final Map<OperationType, Integer> counts = new EnumMap<>(OperationType.class);
    private int finished;

    /** @param expectedOperations the preview's operation count, or 0 when unknown (refresh). */
    ProgressPrinter(PrintStream out, Clock clock, long expectedOperations) {
        this.out = out;
        this.clock = clock;
        this.expectedOperations = expectedOperations;
    }

    @Override
    public synchronized void accept(EngineEvent event) {
        if (event.resourcePreEvent() != null) {
            PlannedStep step = ChangePlan.stepOf(event);
            if (step != null && step.changes()) {
                startedAtMillis.put(key(step), clock.millis());
            }
        } else if (event.resourceOutputsEvent() != null) {
            finish(event.resourceOutputsEvent().metadata(), false);
        } else if (event.resourceOperationFailedEvent() != null) {
            finish(event.resourceOperationFailedEvent().metadata(), true);
        } else if (event.diagnosticEvent() != null) {
            ChangePlan.errorMessage(event).ifPresent(message -> {
                errors.add(message);
                out.println("  error: " + message);
            });
        } else if (event.summaryEvent() != null) {
            summary(event.summaryEvent());
        }
    }

    private void finish(StepEventMetadata metadata, boolean failed) {
        if (metadata == null || metadata.op() == null || metadata.op() == OperationType.SAME) {
            return;
        }
        PlannedStep step = new PlannedStep(metadata.op(), metadata.type(), metadata.urn(), false);
        String outcome = failed ? ChangeSummary.opName(step.op()) + " FAILED" : ChangeSummary.done(step.op());
        Long started = startedAtMillis.remove(key(step));
        double seconds = started == null ? 0 : (clock.millis() - started) / 1000.0;
        finished++;
        out.println(line(finished, expectedOperations, step, outcome, seconds));
    }

    private void summary(SummaryEvent summary) {
        if (summary.resourceChanges() != null) {
            counts.putAll(summary.resourceChanges());
        }
    }

    /** Pure: the progress line. The counter is padded to the width of the total so lines align. */
    static String line(int index, long total, PlannedStep step, String outcome, double seconds) {
        String counter = total > 0
                ? String.format(Locale.ROOT, "%" + Long.toString(total).length() + "d/%d", index, Math.max(total, index))
                : Integer.toString(index);
        return String.format(Locale.ROOT, "[%s] %s %s %s %s (%.1fs)",
                counter, ChangeSummary.symbol(step.op()), step.type(), step.name(), outcome, seconds);
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    synchronized Map<OperationType, Integer> counts() {
        Map<OperationType, Integer> copy = new EnumMap<>(OperationType.class);
        copy.putAll(counts);
        return copy;
    }

    private static String key(PlannedStep step) {
        return step.urn() + "|" + step.op();
    }
}
