package gkeserving.tools.render;

import java.util.List;

/**
 * Everything a stack would create, computed in-process without the cloud.
 *
 * @param resources in dependency order (construction order among independent resources)
 * @param outputs   stack outputs, sorted by name
 */
public record Render(String stack, List<RenderedResource> resources, List<StackOutput> outputs) {
    public Render {
        resources = List.copyOf(resources);
        outputs = List.copyOf(outputs);
    }
}
