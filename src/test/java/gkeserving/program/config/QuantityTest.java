package gkeserving.program.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Kubernetes' quantity grammar: what the settings compare and what the render's schema check accepts. */
class QuantityTest {
    @ParameterizedTest
    @CsvSource({"500m, 0.5", "2, 2", "1.5, 1.5", "0.5, 0.5", "8Gi, 8589934592", "4Gi, 4294967296", "9G, 9000000000",
            "512Mi, 536870912", "1k, 1000", "2Ti, 2199023255552", "1P, 1000000000000000", "1Pi, 1125899906842624",
            "1E, 1000000000000000000", "1Ei, 1152921504606846976"})
    void decimalAndBinarySuffixesScaleToBaseUnits(String text, String expected) {
        assertParsesTo(text, expected);
    }

    @ParameterizedTest
    @CsvSource({"4e9, 4000000000", "1E3, 1000", "1e-3, 0.001", "2.5e+2, 250"})
    void exponentsAreQuantitiesToo(String text, String expected) {
        assertParsesTo(text, expected);
    }

    @ParameterizedTest
    @CsvSource({"+1, 1", "-1, -1", ".5, 0.5", "1., 1", "-500m, -0.5"})
    void signsAndBareDecimalPointsFollowKubernetes(String text, String expected) {
        assertParsesTo(text, expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8 GB", "8GB", "", "Gi", "1K", "1Kb", "1.2.3", "e3", "1e", "++1", "1 m", "1e3m", "0x10",
            "1e99999999999"})
    void rejectsWhatKubernetesWould(String text) {
        assertThat(Quantity.isValid(text)).isFalse();
        assertThat(Quantity.parse(text)).isEmpty();
    }

    private static void assertParsesTo(String text, String expected) {
        assertThat(Quantity.isValid(text)).isTrue();
        assertThat(Quantity.parse(text))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(new BigDecimal(expected)));
    }
}
