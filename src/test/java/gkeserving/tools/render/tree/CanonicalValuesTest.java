package gkeserving.tools.render.tree;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one canonical form of engine and YAML values: what the render writes and what its check decodes. */
class CanonicalValuesTest {
    @Test
    void wholeDoublesBecomeIntegersAndNothingElseChanges() {
        List<Object> values = new ArrayList<>(Arrays.asList(2.0, 2.5, 1e12, -0.0, "2.0", null, true, 7L));
        assertThat(CanonicalValues.of(values))
                .isEqualTo(Arrays.asList(2, 2.5, 1_000_000_000_000L, 0, "2.0", null, true, 7L));
    }

    @Test
    void floatsAndOutOfRangeNumbersFollowTheSameRule() {
        List<Object> values = List.of(3.0f, 0.5f, Double.NaN, Double.POSITIVE_INFINITY, 1e19, -2.0);
        assertThat(CanonicalValues.of(values))
                .isEqualTo(List.of(3, 0.5f, Double.NaN, Double.POSITIVE_INFINITY, 1e19, -2));
    }

    @Test
    void nestedMapsAreSortedByStringKeyAndTheirNumbersNormalised() {
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1.0);
        inner.put(10, List.of(Map.of("b", 2.0, "a", 1.5)));
        Map<Object, Object> outer = new LinkedHashMap<>();
        outer.put("spec", inner);
        outer.put("kind", "Pod");

        Object canonical = CanonicalValues.of(outer);

        assertThat(canonical).isEqualTo(Map.of("kind", "Pod",
                "spec", Map.of("10", List.of(Map.of("a", 1.5, "b", 2)), "z", 1)));
        assertThat(List.copyOf(((Map<?, ?>) canonical).keySet())).isEqualTo(List.of("kind", "spec"));
        assertThat(List.copyOf(((Map<?, ?>) ((Map<?, ?>) canonical).get("spec")).keySet())).isEqualTo(List.of("10", "z"));
    }

    @Test
    void theInputIsNotChanged() {
        Map<String, Object> input = new LinkedHashMap<>(Map.of("replicas", 2.0));
        CanonicalValues.map(input);
        assertThat(input).containsEntry("replicas", 2.0);
    }
}
