package gkeserving.tools.pipeline;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.events.StepEventMetadata;
import com.pulumi.automation.events.StepEventStateMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each resource operation's start and end, from the timestamps the engine puts on its events (Unix seconds):
 * a ResourcePreEvent starts an operation, the ResOutputsEvent or ResOpFailedEvent of the same URN and op ends it.
 * The engine's clock, not the time the event log was read, so a slow reader does not stretch durations.
 */
final class DeployTimeline {
    private record Started(PlannedStep step, long second, boolean custom) {
    }

    private final Map<String, Started> running = new LinkedHashMap<>();
    private final List<TimedOperation> ended = new ArrayList<>();

    /** @return the operation this event ended, if it ended one */
    synchronized Optional<TimedOperation> accept(EngineEvent event) {
        if (event.resourcePreEvent() != null) {
            PlannedStep step = ChangePlan.stepOf(event);
            if (step != null && step.changes()) {
                running.put(key(step.urn(), step.op()), new Started(step, event.timestamp(),
                        isCustom(event.resourcePreEvent().metadata())));
            }
        } else if (event.resourceOutputsEvent() != null) {
            return end(event.resourceOutputsEvent().metadata(), event.timestamp(), false);
        } else if (event.resourceOperationFailedEvent() != null) {
            return end(event.resourceOperationFailedEvent().metadata(), event.timestamp(), true);
        }
        return Optional.empty();
    }

    /** Every operation: those that ended, in the order they ended, then any the update left unfinished. */
    synchronized List<TimedOperation> operations() {
        List<TimedOperation> all = new ArrayList<>(ended);
        running.values().forEach(s -> all.add(TimedOperation.of(s.step(), s.second(), null, s.custom(), false)));
        return all;
    }

    private Optional<TimedOperation> end(StepEventMetadata metadata, long second, boolean failed) {
        if (metadata == null || metadata.op() == null) {
            return Optional.empty();
        }
        Started started = running.remove(key(metadata.urn(), metadata.op()));
        if (started == null) {
            return Optional.empty(); // a second outputs event (a component's registered outputs) or a same step
        }
        TimedOperation operation = TimedOperation.of(started.step(), started.second(), second, started.custom(), failed);
        ended.add(operation);
        return Optional.of(operation);
    }

    /** Provider-managed (custom) or not; the CLI omits "custom" when false, and deletes carry only the old state. */
    private static boolean isCustom(StepEventMetadata metadata) {
        StepEventStateMetadata state = metadata.new_() != null ? metadata.new_() : metadata.old();
        return state != null && Boolean.TRUE.equals(state.custom());
    }

    private static String key(String urn, OperationType op) {
        return urn + "|" + op;
    }
}
