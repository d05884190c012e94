package gkeserving.tools.render;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyOrderTest {
    @Test
    void independentItemsKeepTheirOrder() {
        assertThat(DependencyOrder.sort(List.of(Set.of(), Set.of(), Set.of()))).containsExactly(0, 1, 2);
    }

    @Test
    void anItemMovesAfterWhatItDependsOnAndNoFurther() {
        // 0 waits for 2; 1 is independent and was constructed before 2.
        assertThat(DependencyOrder.sort(List.of(Set.of(2), Set.of(), Set.of()))).containsExactly(1, 2, 0);
    }

    @Test
    void chainsAndDiamondsAreRespected() {
        // 3 waits for 1 and 2, which both wait for 0.
        assertThat(DependencyOrder.sort(List.of(Set.of(), Set.of(0), Set.of(0), Set.of(1, 2)))).containsExactly(0, 1, 2, 3);
        assertThat(DependencyOrder.sort(List.of(Set.of(1), Set.of(2), Set.of()))).containsExactly(2, 1, 0);
    }

    @Test
    void selfReferencesAndCyclesDoNotLoseItems() {
        assertThat(DependencyOrder.sort(List.of(Set.of(0), Set.of()))).containsExactly(0, 1);
        assertThat(DependencyOrder.sort(List.of(Set.of(1), Set.of(0), Set.of()))).containsExactly(2, 0, 1);
    }
}
