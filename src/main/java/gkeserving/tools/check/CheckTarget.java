package gkeserving.tools.check;

import gkeserving.tools.render.Render;
import gkeserving.tools.render.RenderedResource;

import java.util.List;

/**
 * What the rules look at: one stack's render (every resource with its inputs and options, the outputs).
 *
 * @param production whether the stack is a production stack (its file sets {@code pipeline:requireConfirmation}):
 *                   rules about deleting what cannot be re-created apply to it
 */
public record CheckTarget(Render render, boolean production) {
    public List<RenderedResource> ofType(String type) {
        return render.resources().stream().filter(r -> r.type().equals(type)).toList();
    }

    /** Kubernetes objects of one kind (their inputs are the manifest). */
    public List<RenderedResource> kubernetes(String kind) {
        return render.resources().stream()
                .filter(r -> r.type().startsWith("kubernetes:") && kind.equals(r.inputs().get("kind"))).toList();
    }
}
