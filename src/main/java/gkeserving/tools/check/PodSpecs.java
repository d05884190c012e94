package gkeserving.tools.check;

import gkeserving.tools.render.RenderedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pod templates of the workload controllers a stack registers, and their containers. */
final class PodSpecs {
    /** Kinds whose pod template is at {@code spec.template.spec}. */
    static final Set<String> CONTROLLERS = Set.of("Deployment", "DaemonSet", "StatefulSet", "Job");
    static final String POD = "spec.template.spec";

    /** One container of a controller's pod template; {@code path} is its field path, e.g. {@code ...containers[0]}. */
    record Container(RenderedResource owner, Map<String, Object> pod, Map<String, Object> spec, String path,
                     boolean init) {
        String field(String relative) {
            return path + "." + relative;
        }
    }

    private PodSpecs() {
    }

    static List<RenderedResource> controllers(CheckTarget t) {
        return t.render().resources().stream()
                .filter(r -> r.type().startsWith("kubernetes:") && CONTROLLERS.contains(String.valueOf(r.inputs().get("kind"))))
                .toList();
    }

    static Map<String, Object> pod(RenderedResource controller) {
        return Tree.map(controller.inputs(), POD);
    }

    /** Init containers first, then the containers, each with its field path. */
    @SuppressWarnings("unchecked")
    static List<Container> containers(CheckTarget t) {
        List<Container> all = new ArrayList<>();
        for (RenderedResource controller : controllers(t)) {
            Map<String, Object> pod = pod(controller);
            for (String list : List.of("initContainers", "containers")) {
                List<Object> containers = Tree.list(pod, list);
                for (int i = 0; i < containers.size(); i++) {
                    if (containers.get(i) instanceof Map<?, ?> c) {
                        all.add(new Container(controller, pod, (Map<String, Object>) c,
                                POD + "." + list + "[" + i + "]", list.equals("initContainers")));
                    }
                }
            }
        }
        return all;
    }
}
