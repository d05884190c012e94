package gkeserving.tools.check;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import gkeserving.program.App;
import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.image.DockerDaemon;
import gkeserving.tools.project.Project;
import gkeserving.tools.render.Render;
import gkeserving.tools.render.RenderedResource;
import gkeserving.tools.render.Renderer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a shipped stack (config overrides optional) and checks it, or a copy with one field changed. */
final class PolicyFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile("([^.\\[]+)(?:\\[(\\d+)])?");
    private static final Map<String, Render> CACHE = new ConcurrentHashMap<>();

    private PolicyFixture() {
    }

    static Render render(String stack, Map<String, String> overrides) {
        Map<String, String> config = Fixtures.config(stack, overrides);
        return new Renderer(ctx -> App.stack(ctx, DockerDaemon.NOT_PROBED, ProgramRun.FILES.projectDir(), config.keySet()))
                .render(ProgramRun.FILES.project(), stack, config);
    }

    /** The shipped stack's render, once per test run. */
    static Render shipped(String stack) {
        return CACHE.computeIfAbsent(stack, s -> render(s, Map.of()));
    }

    static PolicyReport check(String stack, Render render) {
        Map<String, String> config = Fixtures.config(stack, Map.of());
        boolean production = Project.locate(java.util.Optional.of(ProgramRun.FILES.projectDir()),
                ProgramRun.FILES.projectDir()).requiresConfirmation(stack);
        return PolicyReport.evaluate(new CheckTarget(render, production), PolicyRules.all(), Waivers.from(config));
    }

    /** A copy of {@code render} in which one resource's inputs are changed by {@code change}. */
    static Render changed(Render render, String resource, Consumer<Map<String, Object>> change) {
        List<RenderedResource> resources = new ArrayList<>();
        boolean found = false;
        for (RenderedResource r : render.resources()) {
            if (r.name().equals(resource)) {
                Map<String, Object> inputs = JSON.convertValue(r.inputs(), new TypeReference<Map<String, Object>>() { });
                change.accept(inputs);
                r = new RenderedResource(r.type(), r.name(), r.parent(), r.options(), inputs, r.dependencies());
                found = true;
            }
            resources.add(r);
        }
        if (!found) {
            throw new IllegalArgumentException("no resource " + resource + " in the render of " + render.stack());
        }
        return new Render(render.stack(), resources, render.outputs());
    }

    /** Sets {@code path} ({@code a.b[0].c}) to {@code value}; null removes the field. */
    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> root, String path, Object value) {
        String[] steps = path.split("\\.");
        Object node = root;
        for (int i = 0; i < steps.length; i++) {
            Matcher m = STEP.matcher(steps[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException(path);
            }
            Map<String, Object> map = (Map<String, Object>) node;
            boolean last = i == steps.length - 1;
            if (m.group(2) == null && last) {
                if (value == null) {
                    map.remove(m.group(1));
                } else {
                    map.put(m.group(1), value);
                }
                return;
            }
            Object child = map.get(m.group(1));
            if (m.group(2) != null) {
                List<Object> list = (List<Object>) child;
                int index = Integer.parseInt(m.group(2));
                if (last) {
                    list.set(index, value);
                    return;
                }
                child = list.get(index);
            } else if (child == null) {
                child = new java.util.LinkedHashMap<String, Object>();
                map.put(m.group(1), child);
            }
            node = child;
        }
    }
}
