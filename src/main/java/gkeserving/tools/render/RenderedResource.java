package gkeserving.tools.render;

import java.util.List;
import java.util.Map;

/**
 * One resource as the engine would receive it, ready to be written.
 *
 * @param type         Pulumi type token, e.g. {@code kubernetes:apps/v1:Deployment}
 * @param name         logical name
 * @param parent       logical name of the parent resource, or null for a top-level resource
 * @param options      the options that decide how the engine treats a change (protect included)
 * @param inputs       the inputs it would send: sorted keys, whole numbers as integers, secrets masked
 * @param dependencies logical names of the resources it waits for (dependsOn, the resources its inputs
 *                     were computed from, and its explicit provider), sorted
 */
public record RenderedResource(String type, String name, String parent, RenderedOptions options,
                               Map<String, Object> inputs, List<String> dependencies) {
    /** Whether Pulumi will refuse to delete it (its own option or a protected parent). */
    public boolean protect() {
        return options.protect();
    }
}
