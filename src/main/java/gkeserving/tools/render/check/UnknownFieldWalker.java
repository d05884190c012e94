package gkeserving.tools.render.check;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import gkeserving.program.config.Quantity;
import gkeserving.tools.render.tree.FieldPath;
import io.fabric8.kubernetes.api.model.AnyType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what decoding let through: fields the schema does not have, and quantities
 * that are not in Kubernetes' quantity syntax.
 *
 * <p>Every fabric8 model class collects unknown keys in an {@code @JsonAnySetter} map
 * instead of failing, so {@code FAIL_ON_UNKNOWN_PROPERTIES} never fires; the only way to
 * see a misspelled field is to walk the decoded tree and look at each of those maps.
 * Properties are found through Jackson's own introspection so paths use the JSON names.
 */
final class UnknownFieldWalker {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private final ObjectMapper mapper;
    private final String source;
    private final List<SchemaProblem> problems = new ArrayList<>();
    /** Guards against cycles; a tree decoded from a document has none, but the walk must not hang if one appears. */
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private UnknownFieldWalker(ObjectMapper mapper, String source) {
        this.mapper = mapper;
        this.source = source;
    }

    /** Problems found anywhere under {@code decoded}, a fabric8 model object. */
    static List<SchemaProblem> walk(ObjectMapper mapper, Object decoded, String source) {
        UnknownFieldWalker walker = new UnknownFieldWalker(mapper, source);
        walker.visit(decoded, FieldPath.ROOT);
        return List.copyOf(walker.problems);
    }

    private void visit(Object value, FieldPath path) {
        if (value == null) {
            return;
        }
        if (value instanceof io.fabric8.kubernetes.api.model.Quantity quantity) {
            checkQuantity(quantity, path);
        } else if (value instanceof AnyType) {
            return; // IntOrString and friends: a scalar checked by its own constructor, no fields
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                visit(list.get(i), path.index(i));
            }
        } else if (value instanceof Map<?, ?> map) {
            // Keys of a typed map (labels, limits, data) are data, not fields; only the values can hold objects.
            map.forEach((key, item) -> visit(item, path.field(String.valueOf(key))));
        } else if (isModelObject(value) && visited.add(value)) {
            visitModelObject(value, path);
        }
    }

    private static boolean isModelObject(Object value) {
        return value.getClass().getPackageName().startsWith(MODEL_PACKAGE);
    }

    private void visitModelObject(Object bean, FieldPath path) {
        BeanDescription description = mapper.getSerializationConfig()
                .introspect(mapper.constructType(bean.getClass()));
        AnnotatedMember anyGetter = description.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(bean) instanceof Map<?, ?> unknown) {
            unknown.keySet().forEach(name ->
                    problems.add(new SchemaProblem(source, path.field(String.valueOf(name)).toString(),
                            "unknown field")));
        }
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.hasGetter()) {
                visit(property.getGetter().getValue(bean), path.field(property.getName()));
            }
        }
    }

    /** fabric8's deserializer takes any text as a quantity; the API server holds it to Kubernetes' grammar. */
    private void checkQuantity(io.fabric8.kubernetes.api.model.Quantity quantity, FieldPath path) {
        String text = nullToEmpty(quantity.getAmount()) + nullToEmpty(quantity.getFormat());
        if (!Quantity.isValid(text)) {
            problems.add(new SchemaProblem(source, path.toString(),
                    "\"" + text + "\" is not a quantity; expected a number with an optional suffix"
                            + " (m, k, M, G, Ki, Mi, Gi, ... or an exponent), e.g. 500m, 4Gi, 1"));
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
