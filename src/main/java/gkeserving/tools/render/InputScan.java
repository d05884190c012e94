package gkeserving.tools.render;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.InputArgs;
import com.pulumi.resources.Resource;
import gkeserving.tools.render.tree.FieldPath;
import gkeserving.tools.sdk.PulumiInternals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a resource's args say beyond their plain values: which resources they were computed from
 * (the engine's implicit dependencies) and which values are secret. Args classes are POJOs whose
 * {@link Import}-annotated fields hold {@link Output}s, possibly nesting further args classes, lists and
 * maps; the walk follows the same property names the engine sends. Call it only after the run: the
 * Outputs must have settled.
 */
public final class InputScan {

    /**
     * @param dependencies resources behind any Output in the args, by identity
     * @param secretPaths  property paths (names, list indexes, map keys) whose value is a secret Output
     */
    public record Facts(Set<Resource> dependencies, List<FieldPath> secretPaths) {
    }

    private final Set<Resource> dependencies = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<FieldPath> secretPaths = new ArrayList<>();

    private InputScan() {
    }

    static Facts of(InputArgs args) {
        var scan = new InputScan();
        scan.walkArgs(args, FieldPath.ROOT);
        return new Facts(scan.dependencies, List.copyOf(scan.secretPaths));
    }

    private void walk(Object value, FieldPath path) {
        if (value instanceof Optional<?> optional) {
            optional.ifPresent(inner -> walk(inner, path));
        } else if (value instanceof Output<?> output) {
            PulumiInternals.settled(output).ifPresent(data -> {
                dependencies.addAll(data.resources());
                if (data.secret()) {
                    secretPaths.add(path);
                } else {
                    walk(data.value(), path);
                }
            });
        } else if (value instanceof InputArgs args) {
            walkArgs(args, path);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path.index(i));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path.field(String.valueOf(key))));
        }
    }

    private void walkArgs(InputArgs args, FieldPath path) {
        for (Class<?> type = args.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                Import property = field.getAnnotation(Import.class);
                if (property != null && !Modifier.isStatic(field.getModifiers())) {
                    walk(read(field, args), path.field(property.name()));
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read input " + field.getName() + " of "
                    + owner.getClass().getName() + ": " + e.getMessage(), e);
        }
    }
}
