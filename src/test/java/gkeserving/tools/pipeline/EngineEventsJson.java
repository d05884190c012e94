package gkeserving.tools.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Engine events as the pulumi CLI writes them to --event-log: one JSON object per line with
 * sequence, timestamp and exactly one of preludeEvent, resourcePreEvent, resOutputsEvent,
 * resOpFailedEvent, diagnosticEvent, summaryEvent, cancelEvent (the last line of every log).
 */
final class EngineEventsJson {
    static final String PROJECT = "gke-gpu-serving";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2025-03-01T10:00:00Z: the first event's timestamp. */
    static final long EPOCH_SECONDS = 1_740_823_200L;

    /** One resource step: op is the engine's spelling (create, update, replace, create-replacement...). */
    record Step(String op, String type, String name, boolean protect) {
        static Step of(String op, String type, String name) {
            return new Step(op, type, name, false);
        }

        Step protectedResource() {
            return new Step(op, type, name, true);
        }
    }

    private final String stack;
    private final boolean planning;
    private final List<String> lines = new ArrayList<>();

    private EngineEventsJson(String stack, boolean planning) {
        this.stack = stack;
        this.planning = planning;
        event("preludeEvent", JSON.createObjectNode().set("config", JSON.createObjectNode()));
    }

    /** The log of a successful preview (planning) or update: pre + outputs per step, summary, cancel. */
    static List<String> run(String stack, boolean planning, List<Step> steps) {
        EngineEventsJson log = new EngineEventsJson(stack, planning);
        steps.forEach(step -> {
            log.event("resourcePreEvent", log.metadataEvent(step));
            log.event("resOutputsEvent", log.metadataEvent(step));
        });
        return log.finish(steps);
    }

    /** A step the engine started and ended at these seconds after the update's start. */
    record Timed(Step step, long start, long end) {
    }

    /** The log of a successful update whose events carry these timestamps, in time order (ends first in a second). */
    static List<String> timedRun(String stack, List<Timed> steps) {
        EngineEventsJson log = new EngineEventsJson(stack, false);
        record At(long second, boolean start, Step step) {
        }
        List<At> events = new ArrayList<>();
        steps.forEach(t -> {
            events.add(new At(t.start(), true, t.step()));
            events.add(new At(t.end(), false, t.step()));
        });
        events.sort(java.util.Comparator.comparingLong(At::second).thenComparing(At::start));
        events.forEach(at -> log.event(at.start() ? "resourcePreEvent" : "resOutputsEvent", log.metadataEvent(at.step()),
                EPOCH_SECONDS + at.second()));
        return log.finish(steps.stream().map(Timed::step).toList());
    }

    /** One resource of a stack's state as `pulumi stack export` shows it: what it waits for. */
    record StateResource(Step resource, List<Step> dependencies, Step provider) {
    }

    /** `pulumi stack export` output (a version 3 deployment) holding these resources. */
    static String deployment(String stack, List<StateResource> resources) {
        ObjectNode deployment = JSON.createObjectNode();
        deployment.set("manifest", JSON.createObjectNode());
        var list = deployment.putArray("resources");
        for (StateResource r : resources) {
            ObjectNode resource = list.addObject().put("urn", urn(stack, r.resource())).put("type", r.resource().type());
            if (custom(r.resource())) {
                resource.put("custom", true);
            }
            var dependencies = resource.putArray("dependencies");
            r.dependencies().forEach(d -> dependencies.add(urn(stack, d)));
            if (r.provider() != null) {
                resource.put("provider", urn(stack, r.provider()) + "::0b6c1c8e-provider-id");
            }
        }
        ObjectNode root = JSON.createObjectNode().put("version", 3);
        root.set("deployment", deployment);
        return root.toString();
    }

    /** The log of an update that fails on {@code failing} with an error diagnostic. */
    static List<String> failedRun(String stack, List<Step> succeeded, Step failing, String error) {
        EngineEventsJson log = new EngineEventsJson(stack, false);
        succeeded.forEach(step -> {
            log.event("resourcePreEvent", log.metadataEvent(step));
            log.event("resOutputsEvent", log.metadataEvent(step));
        });
        log.event("resourcePreEvent", log.metadataEvent(failing));
        ObjectNode diagnostic = JSON.createObjectNode()
                .put("urn", log.urn(failing)).put("prefix", "error: ").put("message", error + "\n")
                .put("color", "never").put("severity", "error");
        log.event("diagnosticEvent", diagnostic);
        ObjectNode failed = JSON.createObjectNode();
        failed.set("metadata", log.metadata(failing));
        failed.put("status", 1).put("steps", 0);
        log.event("resOpFailedEvent", failed);
        return log.finish(succeeded);
    }

    /** The log of a command that fails before any step (e.g. a locked stack): prelude and cancel. */
    static List<String> aborted(String stack) {
        EngineEventsJson log = new EngineEventsJson(stack, false);
        log.event("cancelEvent", JSON.createObjectNode());
        return log.lines;
    }

    private List<String> finish(List<Step> steps) {
        ObjectNode summary = JSON.createObjectNode().put("maybeCorrupt", false).put("durationSeconds", 7);
        summary.set("resourceChanges", JSON.valueToTree(counts(steps)));
        summary.set("PolicyPacks", JSON.createObjectNode());
        event("summaryEvent", summary);
        event("cancelEvent", JSON.createObjectNode());
        return List.copyOf(lines);
    }

    /** The engine counts a replacement once, as "replace". */
    static Map<String, Integer> counts(List<Step> steps) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        steps.stream()
                .filter(s -> !s.op().equals("create-replacement") && !s.op().equals("delete-replaced"))
                .forEach(s -> counts.merge(s.op(), 1, Integer::sum));
        return counts;
    }

    String urn(Step step) {
        return urn(stack, step);
    }

    static String urn(String stack, Step step) {
        return "urn:pulumi:" + stack + "::" + PROJECT + "::" + step.type() + "::" + step.name();
    }

    /** The stack and the program's components are not provider-managed; the CLI omits "custom" for them. */
    static boolean custom(Step step) {
        return !step.type().startsWith("pulumi:pulumi:") && !step.type().startsWith(PROJECT + ":");
    }

    private ObjectNode metadataEvent(Step step) {
        ObjectNode event = JSON.createObjectNode();
        event.set("metadata", metadata(step));
        event.put("planning", planning);
        return event;
    }

    private ObjectNode metadata(Step step) {
        ObjectNode metadata = JSON.createObjectNode().put("op", step.op()).put("urn", urn(step)).put("type", step.type());
        boolean created = step.op().equals("create") || step.op().equals("create-replacement");
        boolean deleted = step.op().equals("delete") || step.op().equals("delete-replaced");
        metadata.set("old", created ? JSON.nullNode() : state(step));
        metadata.set("new", deleted ? JSON.nullNode() : state(step));
        metadata.put("provider", "");
        return metadata;
    }

    private ObjectNode state(Step step) {
        ObjectNode state = JSON.createObjectNode().put("urn", urn(step)).put("type", step.type());
        if (custom(step)) {
            state.put("custom", true);
        }
        state.put("delete", false).put("id", "id-" + step.name())
                .put("parent", "urn:pulumi:" + stack + "::" + PROJECT + "::pulumi:pulumi:Stack::" + PROJECT + "-" + stack)
                .put("protect", step.protect());
        state.set("inputs", JSON.createObjectNode());
        state.set("outputs", JSON.createObjectNode());
        state.put("provider", "");
        return state;
    }

    private void event(String field, ObjectNode body) {
        event(field, body, EPOCH_SECONDS + lines.size());
    }

    private void event(String field, ObjectNode body, long timestamp) {
        int sequence = lines.size();
        ObjectNode line = JSON.createObjectNode().put("sequence", sequence).put("timestamp", timestamp);
        line.set(field, body);
        lines.add(line.toString());
    }
}
