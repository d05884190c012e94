package gkeserving.program.image;

import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputInternal;
import com.pulumi.resources.InputArgs;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceArgs;
import com.pulumi.resources.ResourceOptions;
import com.pulumi.resources.ResourceTransformation;
import gkeserving.program.Fixtures;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stack transformation that records each resource with the args and options the program gave it,
 * so tests can see what the mock engine's plain inputs hide: secrecy, {@code dependsOn}, and the
 * resources behind input Outputs (the implicit dependencies Pulumi derives from them).
 */
final class CapturedResources implements ResourceTransformation {

    record Captured(Resource resource, ResourceArgs args, ResourceOptions options) {
        String type() {
            return resource.pulumiResourceType();
        }

        List<Resource> dependsOn() {
            List<Resource> explicit = Fixtures.value(options.getDependsOn());
            return explicit == null ? List.of() : explicit;
        }

        /** Every resource an input Output carries, found by walking the args' getters recursively. */
        Set<Resource> inputResources() {
            Set<Resource> found = new LinkedHashSet<>();
            collect(args, found);
            return found;
        }
    }

    private final List<Captured> captured = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Optional<Result> apply(Args args) {
        captured.add(new Captured(args.resource(), args.args(), args.options()));
        return Optional.empty();
    }

    /** The chain of parents above a captured resource, nearest first (the stack itself is not captured). */
    List<Resource> ancestors(Captured resource) {
        List<Resource> chain = new ArrayList<>();
        for (Optional<Resource> p = resource.options().getParent(); p.isPresent(); p = parentOf(p.get())) {
            chain.add(p.get());
        }
        return chain;
    }

    List<Captured> ofType(String type) {
        synchronized (captured) {
            return captured.stream().filter(c -> c.type().equals(type)).toList();
        }
    }

    Captured onlyOne(String type) {
        List<Captured> found = ofType(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", captured " + found.size());
        }
        return found.get(0);
    }

    private Optional<Resource> parentOf(Resource resource) {
        synchronized (captured) {
            return captured.stream().filter(c -> c.resource() == resource).findFirst()
                    .flatMap(c -> c.options().getParent());
        }
    }

    private static void collect(Object value, Set<Resource> found) {
        if (value instanceof Output<?> output) {
            found.addAll(((OutputInternal<?>) output).getResources().join());
            collect(Fixtures.value(output), found);
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(v -> collect(v, found));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(v -> collect(v, found));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, found));
        } else if (value instanceof InputArgs args) {
            for (Method getter : args.getClass().getMethods()) {
                if (isInputGetter(getter)) {
                    collect(invoke(getter, args), found);
                }
            }
        }
    }

    private static boolean isInputGetter(Method m) {
        return !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                && m.getDeclaringClass() != Object.class
                && (Output.class.isAssignableFrom(m.getReturnType()) || m.getReturnType() == Optional.class);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("cannot read " + getter, e);
        }
    }
}
