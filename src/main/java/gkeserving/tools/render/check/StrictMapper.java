package gkeserving.tools.render.check;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.util.List;
import java.util.Map;

/**
 * A Jackson mapper that decodes scalars as strictly as the Kubernetes API server does.
 *
 * <p>Jackson by default converts {@code "2"} into an int, {@code 2} into a string and
 * {@code 2.7} into 2; the API server rejects all three, so a manifest that Jackson
 * accepts would still fail at apply time. Here every cross-type scalar coercion fails.
 * Fields typed {@code IntOrString} (a delegating {@code Object} creator) and
 * {@code Quantity} (its own deserializer) are unaffected, so they keep accepting both
 * numbers and strings as Kubernetes does.
 */
final class StrictMapper {
    /** Per kind of field, the JSON shapes it refuses: every scalar shape but its own. */
    private static final Map<LogicalType, List<CoercionInputShape>> REFUSED = Map.of(
            LogicalType.Integer, List.of(CoercionInputShape.String, CoercionInputShape.EmptyString,
                    CoercionInputShape.Float, CoercionInputShape.Boolean),
            LogicalType.Float, List.of(CoercionInputShape.String, CoercionInputShape.EmptyString,
                    CoercionInputShape.Boolean),
            LogicalType.Boolean, List.of(CoercionInputShape.String, CoercionInputShape.EmptyString,
                    CoercionInputShape.Integer, CoercionInputShape.Float),
            LogicalType.Textual, List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean));

    private StrictMapper() {
    }

    static JsonMapper create() {
        JsonMapper.Builder builder = JsonMapper.builder()
                // Alone this only stops strings becoming numbers or booleans; numbers becoming
                // strings and floats becoming ints need the explicit rules.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        REFUSED.forEach((type, shapes) -> builder.withCoercionConfig(type, config ->
                shapes.forEach(shape -> config.setCoercion(shape, CoercionAction.Fail))));
        return builder.build();
    }
}
