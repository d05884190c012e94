package gkeserving.tools.render;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceArgs;
import com.pulumi.resources.ResourceOptions;
import com.pulumi.resources.ResourceTransformation;
import gkeserving.tools.sdk.PulumiInternals;
import gkeserving.tools.sdk.PulumiInternals.Settled;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A stack-wide resource transformation that changes nothing and remembers every resource as it is
 * constructed: the resource, its args (still as Outputs, so secrecy and dependencies are visible) and
 * its options. Construction order is the program's own, deterministic order; the engine's registration
 * order is not (registrations wait on inputs resolving on other threads). The render reads a run through
 * it, and so do tests that look at what the mock engine's plain inputs hide.
 */
public final class ResourceCapture implements ResourceTransformation {
    /** The root stack resource is the engine's, not the program's. */
    static final String STACK_TYPE = "pulumi:pulumi:Stack";

    /**
     * One resource as the program constructed it.
     *
     * @param protect the resource's own {@code protect} option as given (parents' protection is added later)
     */
    public record Captured(Resource resource, ResourceArgs args, ResourceOptions options, boolean protect) {
        public String type() {
            return resource.pulumiResourceType();
        }

        public String name() {
            return resource.pulumiResourceName();
        }

        /** The resources named in {@code dependsOn}; call after the run, when it has settled. */
        public List<Resource> dependsOn() {
            Output<List<Resource>> dependsOn = options.getDependsOn();
            return dependsOn == null ? List.of()
                    : PulumiInternals.settled(dependsOn).map(Settled::value).orElse(List.of());
        }

        /** The resources behind the args' Outputs and the paths of secret ones; call after the run. */
        public InputScan.Facts inputs() {
            return InputScan.of(args);
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

    public List<Captured> inConstructionOrder() {
        synchronized (captured) {
            return List.copyOf(captured);
        }
    }
}
