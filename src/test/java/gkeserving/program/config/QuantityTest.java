package gkeserving.program.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class QuantityTest {
    @ParameterizedTest
    @CsvSource({"500m, 0.5", "2, 2", "1.5, 1.5", "8Gi, 8589934592", "9G, 9000000000", "512Mi, 536870912", "1k, 1000"})
    void parsesToBaseUnits(String text, String expected) {
        assertThat(Quantity.parse(text)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(new BigDecimal(expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8 GB", "8GB", "-1", "", "Gi"})
    void rejectsWhatKubernetesWouldNot(String text) {
        assertThat(Quantity.isValid(text)).isFalse();
        assertThat(Quantity.parse(text)).isEmpty();
    }
}
