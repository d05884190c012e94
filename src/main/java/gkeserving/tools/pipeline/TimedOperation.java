package gkeserving.tools.pipeline;

import java.time.Instant;

/**
 * One resource operation of an update as the engine reported it: its start (ResourcePreEvent) and end
 * (ResOutputsEvent, or ResOpFailedEvent when it failed), at the engine events' resolution of whole seconds.
 *
 * @param op              the engine's spelling: create, update, replace, create-replacement, delete, ...
 * @param start           ISO-8601
 * @param end             ISO-8601, or null when the update stopped before the operation ended
 * @param durationSeconds null when it never ended
 * @param custom          false for a component resource or the stack, whose "operation" only spans its children
 */
public record TimedOperation(String urn, String type, String name, String op, String start, String end,
                             Long durationSeconds, boolean custom, boolean failed) {

    static TimedOperation of(PlannedStep step, long startSecond, Long endSecond, boolean custom, boolean failed) {
        return new TimedOperation(step.urn(), step.type(), step.name(), ChangeSummary.opName(step.op()),
                Instant.ofEpochSecond(startSecond).toString(),
                endSecond == null ? null : Instant.ofEpochSecond(endSecond).toString(),
                endSecond == null ? null : endSecond - startSecond, custom, failed);
    }

    long startSecond() {
        return Instant.parse(start).getEpochSecond();
    }

    /** Only for an operation that ended. */
    long endSecond() {
        return Instant.parse(end).getEpochSecond();
    }

    boolean ended() {
        return end != null;
    }
}
