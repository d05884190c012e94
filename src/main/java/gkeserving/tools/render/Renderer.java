package gkeserving.tools.render;

import gkeserving.program.ResourceTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.Resource;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import gkeserving.tools.render.ResourceCapture.Captured;
import gkeserving.tools.render.tree.CanonicalValues;
import gkeserving.tools.render.tree.FieldPath;
import gkeserving.tools.sdk.PulumiInternals;
import gkeserving.tools.sdk.PulumiInternals.Settled;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Runs a Pulumi program in-process against {@link gkeserving.tools.render.CloudPlaceholders} and turns what it
 * registered into a {@link Render}. Works on any program: nothing here knows a particular resource type
 * except the Kubernetes Secret, whose contents are secret whether or not the program marked them.
 */
public final class Renderer {
    private static final Map<String, List<String>> ALWAYS_SECRET = Map.of(
            ResourceTypes.SECRET, List.of("data", "stringData"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<Context> program;

    public Renderer(Consumer<Context> program) {
        this.program = program;
    }

    /**
     * @param config full config keys ({@code project:key}) to values as the engine passes them
     * @throws ProgramFailedException when the program reported errors or threw
     */
    public Render render(String project, String stack, Map<String, String> config) {
        var capture = new ResourceCapture();
        InProcessRun.Outcome outcome = withEngineLogSilenced(
                () -> InProcessRun.run(project, stack, config, List.of(capture), program));
        failIfProgramFailed(outcome);
        List<Captured> captured = capture.inConstructionOrder();
        return new Render(stack, resources(captured, outcome.registrations()), outputs(outcome));
    }

    /**
     * The mock engine echoes program errors to the console through this logger (resetting its level on
     * every run); the render reports them itself, once, so the echo is kept from the console handlers.
     */
    private static <T> T withEngineLogSilenced(Supplier<T> run) {
        Logger engine = PulumiInternals.mockEngineLogger();
        boolean before = engine.getUseParentHandlers();
        engine.setUseParentHandlers(false);
        try {
            return run.get();
        } finally {
            engine.setUseParentHandlers(before);
        }
    }

    private static void failIfProgramFailed(InProcessRun.Outcome outcome) {
        // A throw is also logged as an error (with a stack trace): report the throw, by its own message.
        if (!outcome.result().exceptions().isEmpty()) {
            throw new ProgramFailedException(outcome.result().exceptions().stream()
                    .map(Renderer::innermostMessage).distinct().toList(), true);
        }
        if (!outcome.result().errors().isEmpty()) {
            throw new ProgramFailedException(outcome.result().errors(), false);
        }
    }

    private static String innermostMessage(Throwable failure) {
        Throwable cause = failure;
        String message = failure.toString();
        while (cause != null) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return message;
    }

    /**
     * What the render learns about one constructed resource; indexes are construction positions.
     *
     * @param parent       index of the parent, or null for a top-level resource
     * @param dependencies indexes of what it waits for directly
     */
    private record Node(Captured captured, Integer parent, boolean protect, Set<Integer> dependencies,
                        List<FieldPath> secretPaths) {
    }

    private static List<RenderedResource> resources(List<Captured> captured, List<Registration> registrations) {
        Map<Resource, Integer> indexOf = new IdentityHashMap<>();
        for (int i = 0; i < captured.size(); i++) {
            indexOf.put(captured.get(i).resource(), i);
        }
        List<Node> nodes = new ArrayList<>();
        for (Captured c : captured) {
            Integer parent = c.options().getParent().map(indexOf::get).orElse(null);
            InputScan.Facts facts = c.inputs();
            List<FieldPath> secretPaths = new ArrayList<>(facts.secretPaths());
            ALWAYS_SECRET.getOrDefault(c.type(), List.of()).forEach(key -> secretPaths.add(FieldPath.ROOT.field(key)));
            // Parents are constructed first, so a parent's protection is already known here.
            boolean protect = c.protect() || (parent != null && nodes.get(parent).protect());
            nodes.add(new Node(c, parent, protect, directDependencies(c, facts, indexOf), secretPaths));
        }
        RegisteredInputs registered = new RegisteredInputs(registrations);
        List<RenderedResource> rendered = new ArrayList<>();
        for (int i : DependencyOrder.sort(orderingDependencies(nodes))) {
            Node node = nodes.get(i);
            Captured c = node.captured();
            Map<String, Object> inputs = SecretMask.apply(registered.take(c.type(), c.name()), node.secretPaths());
            rendered.add(new RenderedResource(c.type(), c.name(),
                    node.parent() == null ? null : nodes.get(node.parent()).captured().name(),
                    RenderedOptions.of(c.options(), c.dependsOn(), node.protect()),
                    CanonicalValues.map(inputs),
                    node.dependencies().stream().map(d -> nodes.get(d).captured().name()).distinct().sorted().toList()));
        }
        return rendered;
    }

    /** dependsOn, the resources behind the inputs, and the provider: what the engine waits for. */
    private static Set<Integer> directDependencies(Captured c, InputScan.Facts facts, Map<Resource, Integer> indexOf) {
        List<Resource> resources = new ArrayList<>(facts.dependencies());
        resources.addAll(c.dependsOn());
        PulumiInternals.provider(c.resource()).ifPresent(resources::add);
        Set<Integer> indexes = new TreeSet<>();
        for (Resource r : resources) {
            Integer index = indexOf.get(r);
            if (index != null) {
                indexes.add(index); // others are the engine's own (the stack, dependency stand-ins)
            }
        }
        return indexes;
    }

    /**
     * For ordering, a component stands for everything under it (as Pulumi treats dependsOn on a
     * component), and a child never comes before its parent.
     */
    private static List<Set<Integer>> orderingDependencies(List<Node> nodes) {
        Map<Integer, List<Integer>> children = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).parent() != null) {
                children.computeIfAbsent(nodes.get(i).parent(), k -> new ArrayList<>()).add(i);
            }
        }
        List<Set<Integer>> ordering = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            Set<Integer> ancestors = ancestorsAndSelf(i, nodes);
            Set<Integer> waits = new TreeSet<>(node.dependencies());
            if (node.parent() != null) {
                waits.add(node.parent());
            }
            for (int dependency : node.dependencies()) {
                if (nodes.get(dependency).captured().resource() instanceof ComponentResource) {
                    descendants(dependency, children).stream().filter(d -> !ancestors.contains(d)).forEach(waits::add);
                }
            }
            ordering.add(waits);
        }
        return ordering;
    }

    private static Set<Integer> ancestorsAndSelf(int index, List<Node> nodes) {
        Set<Integer> chain = new HashSet<>();
        for (Integer at = index; at != null && chain.add(at); at = nodes.get(at).parent()) {
            // walk up to the top-level resource
        }
        return chain;
    }

    private static List<Integer> descendants(int root, Map<Integer, List<Integer>> children) {
        List<Integer> found = new ArrayList<>();
        Deque<Integer> todo = new ArrayDeque<>(children.getOrDefault(root, List.of()));
        while (!todo.isEmpty()) {
            int next = todo.pop();
            found.add(next);
            todo.addAll(children.getOrDefault(next, List.of()));
        }
        return found;
    }

    private static List<StackOutput> outputs(InProcessRun.Outcome outcome) {
        Map<String, StackOutput> sorted = new TreeMap<>();
        outcome.result().outputs().forEach((name, output) ->
                sorted.put(name, new StackOutput(name, PulumiInternals.settled(output).map(Renderer::shown)
                        .orElse(StackOutput.UNKNOWN))));
        return List.copyOf(sorted.values());
    }

    private static String shown(Settled<?> data) {
        if (!data.known()) {
            return StackOutput.UNKNOWN;
        }
        if (data.secret()) {
            return SecretMask.MASK;
        }
        Object value = data.value();
        if (value == null || value instanceof String) {
            return String.valueOf(value);
        }
        try {
            return JSON.writeValueAsString(CanonicalValues.of(value));
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** The engine's view of each resource's inputs, matched to constructed resources by type and name. */
    private static final class RegisteredInputs {
        private final Map<String, Deque<Map<String, Object>>> byKey = new HashMap<>();

        RegisteredInputs(List<Registration> registrations) {
            for (Registration r : registrations) {
                byKey.computeIfAbsent(key(r.type(), r.name()), k -> new ArrayDeque<>()).add(r.inputs());
            }
        }

        /** A resource the engine never saw (its registration failed) renders with no inputs. */
        Map<String, Object> take(String type, String name) {
            Deque<Map<String, Object>> found = byKey.get(key(type, name));
            return found == null || found.isEmpty() ? Map.of() : found.poll();
        }

        private static String key(String type, String name) {
            return type + "::" + name;
        }
    }
}
