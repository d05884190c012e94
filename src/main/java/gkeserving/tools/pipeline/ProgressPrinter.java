package gkeserving.tools.pipeline;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.events.SummaryEvent;
import gkeserving.tools.pipeline.smoke.Durations;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints one line per finished resource operation as engine events arrive:
 * {@code [ 3/17] + gcp:container/nodePool:NodePool gpu-pool created (41s)}; keeps the {@link DeployTimeline}
 * and collects error diagnostics and the engine's summary for the end of the run.
 */
final class ProgressPrinter implements Consumer<EngineEvent> {
    private final PrintStream out;
    private final long expectedOperations;
    private final DeployTimeline timeline = new DeployTimeline();
    private final List<String> errors = new ArrayList<>();
    private final Map<OperationType, Integer> counts = new EnumMap<>(OperationType.class);
    private int finished;

    /** @param expectedOperations the preview's operation count, or 0 when unknown (refresh). */
    ProgressPrinter(PrintStream out, long expectedOperations) {
        this.out = out;
        this.expectedOperations = expectedOperations;
    }

    @Override
    public synchronized void accept(EngineEvent event) {
        timeline.accept(event).ifPresent(this::finish);
        if (event.diagnosticEvent() != null) {
            ChangePlan.errorMessage(event).ifPresent(message -> {
                errors.add(message);
                out.println("  error: " + message);
            });
        } else if (event.summaryEvent() != null) {
            summary(event.summaryEvent());
        }
    }

    private void finish(TimedOperation operation) {
        OperationType op = ChangeSummary.op(operation.op());
        PlannedStep step = new PlannedStep(op, operation.type(), operation.urn(), false);
        String outcome = operation.failed() ? operation.op() + " FAILED" : ChangeSummary.done(op);
        finished++;
        out.println(line(finished, expectedOperations, step, outcome, operation.durationSeconds()));
    }

    private void summary(SummaryEvent summary) {
        if (summary.resourceChanges() != null) {
            counts.putAll(summary.resourceChanges());
        }
    }

    /** Pure: the progress line. The counter is padded to the width of the total so lines align. */
    static String line(int index, long total, PlannedStep step, String outcome, long seconds) {
        String counter = total > 0
                ? String.format(Locale.ROOT, "%" + Long.toString(total).length() + "d/%d", index, Math.max(total, index))
                : Integer.toString(index);
        return String.format(Locale.ROOT, "[%s] %s %s %s %s (%s)",
                counter, ChangeSummary.symbol(step.op()), step.type(), step.name(), outcome, seconds(seconds));
    }

    /** Whole seconds, as the engine's timestamps give them: "41s", "6m2s". */
    static String seconds(long seconds) {
        return seconds == 0 ? "0s" : Durations.human(Duration.ofSeconds(seconds));
    }

    /** Every operation so far, with its start and end. */
    List<TimedOperation> timeline() {
        return timeline.operations();
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    synchronized Map<OperationType, Integer> counts() {
        Map<OperationType, Integer> copy = new EnumMap<>(OperationType.class);
        copy.putAll(counts);
        return copy;
    }

}
