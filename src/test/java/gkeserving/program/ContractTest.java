package gkeserving.program;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The program's side of the typed contract its tools read: outputs and resource type tokens. */
class ContractTest {
    static Stream<String> stacks() {
        return ProgramRun.shippedStackNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void theStackExportsExactlyTheContractsOutputs(String stack) {
        var run = ProgramRun.of(stack).assertSucceeded();
        assertThat(run.outcome().result().outputs().keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(StackExport.values()).map(StackExport::key).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void everyTypeTheProgramRegistersHasItsToken(String stack) {
        Set<String> registered = ProgramRun.of(stack).registrations().stream()
                .map(r -> r.type()).collect(Collectors.toSet());
        assertThat(tokens()).containsAll(registered);
    }

    private static Set<String> tokens() {
        return Arrays.stream(ResourceTypes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ContractTest::value).collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
