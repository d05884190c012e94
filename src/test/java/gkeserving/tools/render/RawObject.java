package gkeserving.tools.render;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * A Kubernetes object with free-form fields under any type token: what a typed SDK class would never
 * let a program write (a misspelled field, a string where a number belongs), so tests can prove the
 * render passes such mistakes through and the check catches them.
 */
final class RawObject extends CustomResource {
    RawObject(String type, String name, Map<String, Object> metadata, Map<String, Object> spec,
              CustomResourceOptions options) {
        super(type, name, new Args(metadata, spec), options);
    }

    static final class Args extends ResourceArgs {
        @Import(name = "metadata")
        private final Output<Map<String, Object>> metadata;
        @Import(name = "spec")
        private final Output<Map<String, Object>> spec;

        Args(Map<String, Object> metadata, Map<String, Object> spec) {
            this.metadata = Output.of(metadata);
            this.spec = Output.of(spec);
        }
    }
}
