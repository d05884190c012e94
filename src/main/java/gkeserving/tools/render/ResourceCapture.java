package gkeserving.tools.render;

import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceArgs;
import com.pulumi.resources.ResourceOptions;
import com.pulumi.resources.ResourceTransformation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A stack-wide resource transformation that changes nothing and remembers every resource as it is
 * constructed: the resource, its args (still as Outputs, so secrecy and dependencies are visible) and
 * its options. Construction order is the program's own, deterministic order; the engine's registration
 * order is not (registrations wait on inputs resolving on other threads).
 */
final class ResourceCapture implements ResourceTransformation {
    /** The root stack resource is the engine's, not the program's. */
    static final String STACK_TYPE = "pulumi:pulumi:Stack";

    /**
     * @param protect the resource's own {@code protect} option as given (parents' protection is added later)
     */
    record Captured(Resource resource, ResourceArgs args, ResourceOptions options, boolean protect) {
        String type() {
            return resource.pulumiResourceType();
        }

        String name() {
            return resource.pulumiResourceName();
        }
    }

    private final List<Captured> captured = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Optional<Result> apply(Args args) {
        if (!STACK_TYPE.equals(args.resource().pulumiResourceType())) {
            captured.add(new Captured(args.resource(), args.args(), args.options(), args.options().isProtect()));
        }
        return Optional.empty();
    }

    List<Captured> inConstructionOrder() {
        synchronized (captured) {
            return List.copyOf(captured);
        }
    }
}
