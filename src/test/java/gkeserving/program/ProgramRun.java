package gkeserving.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ResourceTransformation;
import gkeserving.program.image.DockerDaemon;
import gkeserving.tools.render.CloudPlaceholders.Registration;
import gkeserving.tools.render.InProcessRun;
import gkeserving.tools.project.StackFiles;
import gkeserving.tools.sdk.PulumiInternals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test helper: runs the real {@link App#stack} under Pulumi's mock engine with a shipped stack's
 * config (optionally overridden) and gives typed access to what was registered. The public test API
 * has no config hook; {@link InProcessRun} runs the mock engine with one (see {@link PulumiInternals}).
 * A run that repeats an earlier one exactly (same stack, config and files; no transformations) shares its
 * outcome ({@link RunCache}), so a ProgramRun is only read, never changed.
 */
public final class ProgramRun {
    public static final StackFiles FILES = StackFiles.of(Path.of("").toAbsolutePath());

    private final InProcessRun.Outcome outcome;

    private ProgramRun(InProcessRun.Outcome outcome) {
        this.outcome = outcome;
    }

    public static Set<String> shippedStacks() {
        return FILES.stacks().keySet();
    }

    public static Stream<String> shippedStackNames() {
        return shippedStacks().stream();
    }

    public static ProgramRun of(String stack) {
        return of(stack, Map.of());
    }

    /** @param overrides full config keys ({@code gke-gpu-serving:gpuPool}) to raw values; a null value removes the key */
    public static ProgramRun of(String stack, Map<String, String> overrides) {
        return of(stack, overrides, List.of());
    }

    /**
     * Like {@link #of(String, Map)}, with stack transformations: they see each resource's args and options
     * (secrets, dependsOn, the resources behind its inputs), which the mock engine's inputs do not show.
     */
    public static ProgramRun of(String stack, Map<String, String> overrides, List<ResourceTransformation> transformations) {
        Map<String, String> config = Fixtures.config(stack, overrides);
        Supplier<InProcessRun.Outcome> run = () -> InProcessRun.run(FILES.project(), stack, config, transformations,
                ctx -> App.stack(ctx, DockerDaemon.NOT_PROBED, FILES.projectDir(), config.keySet()));
        // Transformations see (and usually record) every resource: such a run is the caller's own.
        return new ProgramRun(transformations.isEmpty()
                ? RunCache.outcome(FILES.projectDir(), stack, config, run) : run.get());
    }

    /** Runs {@code program}, e.g. {@code ctx -> App.stack(ctx, someDockerDaemon, dir)}, with the stack's config. */
    public static ProgramRun run(String stack, Map<String, String> overrides,
                                 List<ResourceTransformation> transformations, Consumer<Context> program) {
        return new ProgramRun(InProcessRun.run(FILES.project(), stack, Fixtures.config(stack, overrides), transformations, program));
    }

    public InProcessRun.Outcome outcome() {
        return outcome;
    }

    public List<String> errors() {
        return outcome.result().errors();
    }

    public ProgramRun assertSucceeded() {
        assertThat(outcome.result().exceptions()).as("exceptions").isEmpty();
        assertThat(errors()).as("logged errors").isEmpty();
        return this;
    }

    public List<Registration> registrations() {
        return outcome.registrations();
    }

    public List<Registration> ofType(String type) {
        return registrations().stream().filter(r -> r.type().equals(type)).toList();
    }

    public Registration one(String type, String name) {
        List<Registration> found = registrations().stream()
                .filter(r -> r.type().equals(type) && r.name().equals(name)).toList();
        assertThat(found).as(type + " named " + name).hasSize(1);
        return found.get(0);
    }

    public Registration onlyOne(String type) {
        List<Registration> found = ofType(type);
        assertThat(found).as("resources of type " + type).hasSize(1);
        return found.get(0);
    }

    public Output<?> output(String name) {
        assertThat(outcome.result().outputs()).containsKey(name);
        return outcome.result().outputs().get(name);
    }

    public Object outputValue(String name) {
        return settled(name).value();
    }

    public boolean outputIsSecret(String name) {
        return settled(name).secret();
    }

    private PulumiInternals.Settled<?> settled(String name) {
        return PulumiInternals.settled(output(name)).orElseThrow(() -> new AssertionError("output " + name + " never settled"));
    }

    /** Reads a nested input by path, e.g. {@code nodeConfig.taints[0].key}; null when absent. */
    public static Object at(Map<String, Object> root, String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            List<Integer> indexes = new ArrayList<>();
            String key = part;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                key = part.substring(0, bracket);
                for (String idx : part.substring(bracket + 1, part.length() - 1).split("\\]\\[")) {
                    indexes.add(Integer.parseInt(idx));
                }
            }
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
            for (int i : indexes) {
                if (!(current instanceof List<?> list) || i >= list.size()) {
                    return null;
                }
                current = list.get(i);
            }
        }
        return current;
    }

    public static Object at(Registration r, String path) {
        return at(r.inputs(), path);
    }
}
