package gkeserving.tools.render.check;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

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

    private StrictMapper() {
    }

    static JsonMapper create() {
        return JsonMapper.builder()
                // Alone this only stops strings becoming numbers or booleans; numbers becoming
                // strings and floats becoming ints need the explicit rules below.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }
}
