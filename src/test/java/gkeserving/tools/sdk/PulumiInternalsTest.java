package gkeserving.tools.sdk;

import com.pulumi.automation.events.EngineEvent;
import com.pulumi.core.Output;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter over the SDK's internals reads what the public API hides; the mock-engine run is covered by every program test. */
class PulumiInternalsTest {
    @Test
    void aPlainOutputSettlesToItsValueKnownAndNotSecret() {
        assertThat(PulumiInternals.settled(Output.of(3))).hasValueSatisfying(settled -> {
            assertThat(settled.value()).isEqualTo(3);
            assertThat(settled.known()).isTrue();
            assertThat(settled.secret()).isFalse();
            assertThat(settled.resources()).isEmpty();
        });
    }

    @Test
    void aSecretOutputSaysSoAndKeepsItsValueForTheCaller() {
        assertThat(PulumiInternals.settled(Output.ofSecret("token"))).hasValueSatisfying(settled -> {
            assertThat(settled.secret()).isTrue();
            assertThat(settled.value()).isEqualTo("token");
        });
    }

    @Test
    void anEngineEventLineParsesIntoTheAutomationApisType() {
        EngineEvent event = PulumiInternals.engineEvent(
                "{\"sequence\":7,\"timestamp\":1700000000,\"cancelEvent\":{}}");

        assertThat(event.sequence()).isEqualTo(7);
        assertThat(event.cancelEvent()).isNotNull();
        assertThat(event.diagnosticEvent()).isNull();
    }

    @Test
    void theMockEngineLoggerIsTheOneTheEngineWritesTo() {
        assertThat(PulumiInternals.mockEngineLogger().getName()).isEqualTo("com.pulumi.test.internal.PulumiTestInternal");
    }
}
