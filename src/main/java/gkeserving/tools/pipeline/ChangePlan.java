package gkeserving.tools.pipeline;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.DiagnosticEvent;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.events.StepEventMetadata;
import com.pulumi.automation.events.StepEventStateMetadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What a preview announced: its steps (from ResourcePreEvents) and the engine's own counts. */
public record ChangePlan(List<PlannedStep> steps, Map<OperationType, Integer> counts) {
    public ChangePlan {
        steps = List.copyOf(steps);
        Map<OperationType, Integer> ordered = new EnumMap<>(OperationType.class);
        ordered.putAll(counts);
        counts = Collections.unmodifiableMap(ordered);
    }

    /** Steps that change something: what a progress display counts. */
    public long operationCount() {
        return steps.stream().filter(PlannedStep::changes).count();
    }

    /** The step a ResourcePreEvent announces, or null for other events. */
    static PlannedStep stepOf(EngineEvent event) {
        if (event.resourcePreEvent() == null || event.resourcePreEvent().metadata() == null) {
            return null;
        }
        StepEventMetadata m = event.resourcePreEvent().metadata();
        OperationType op = m.op() == null ? OperationType.UNKNOWN : m.op();
        return new PlannedStep(op, m.type(), m.urn(), isProtected(m.old()) || isProtected(m.new_()));
    }

    /** The text of an error diagnostic (a program exception, a provider error), if this is one. */
    static Optional<String> errorMessage(EngineEvent event) {
        DiagnosticEvent diagnostic = event.diagnosticEvent();
        if (diagnostic == null || !"error".equals(diagnostic.severity()) || diagnostic.message() == null
                || diagnostic.message().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(diagnostic.message().strip());
    }

    private static boolean isProtected(StepEventStateMetadata state) {
        return state != null && Boolean.TRUE.equals(state.protect());
    }

    /** Collects a plan from engine events; events arrive on the SDK's log-watcher thread. */
    static final class Recorder implements Consumer<EngineEvent> {
        private final List<PlannedStep> steps = new ArrayList<>();
        private final Map<OperationType, Integer> counts = new EnumMap<>(OperationType.class);
        private final List<String> errors = new ArrayList<>();

        @Override
        public synchronized void accept(EngineEvent event) {
            PlannedStep step = stepOf(event);
            if (step != null) {
                steps.add(step);
            }
            if (event.summaryEvent() != null && event.summaryEvent().resourceChanges() != null) {
                counts.putAll(event.summaryEvent().resourceChanges());
            }
            errorMessage(event).ifPresent(errors::add);
        }

        synchronized List<String> errors() {
            return List.copyOf(errors);
        }

        synchronized ChangePlan plan() {
            return new ChangePlan(steps, counts);
        }
    }
}
