package gkeserving.program.serving;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link TfServingService} from shipped stacks' settings, without Pulumi. */
class TfServingServiceTest {

    private static Map<String, Object> service(Settings s, Optional<Output<String>> address) {
        return Fixtures.inputs(TfServingService.args(ServingLabels.of(s.model()), Output.of(s.serving().namespace()),
                s.serving().service(), address, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void aLoadBalancerOnNamedRestAndGrpcPortsInFrontOfThePods(String stack) {
        Settings s = Fixtures.settings(stack);
        var service = service(s, Optional.empty());

        assertThat(at(service, "spec.type")).isEqualTo("LoadBalancer");
        assertThat(at(service, "spec.externalTrafficPolicy")).isEqualTo("Local");
        assertThat(at(service, "spec.ports")).isEqualTo(List.of(
                Map.of("name", "http", "port", 8501.0, "targetPort", "http", "protocol", "TCP"),
                Map.of("name", "grpc", "port", 8500.0, "targetPort", "grpc", "protocol", "TCP")));
        assertThat(at(service, "spec.selector")).isEqualTo(ServingLabels.of(s.model()).selector());
        assertThat(at(service, "spec.loadBalancerSourceRanges")).isEqualTo(s.serving().service().sourceRanges());
        assertThat(at(service, "spec.loadBalancerIP")).isNull();
        assertThat(at(service, "metadata.annotations")).isNull();
        assertThat(at(service, "metadata.namespace")).isEqualTo(s.serving().namespace());
    }

    @Test
    void anInternalServiceAsksGkeForAnInternalLoadBalancer() {
        var service = service(Fixtures.devWithServing("{\"service\":{\"internal\":true}}"), Optional.empty());

        assertThat(at(service, "metadata.annotations")).isEqualTo(Map.of(TfServingService.INTERNAL_LB_ANNOTATION, "Internal"));
        assertThat(at(service, "spec.loadBalancerSourceRanges")).isNull();
    }

    @Test
    void aReservedAddressBecomesTheLoadBalancerIp() {
        var service = service(Fixtures.settings("dev"), Optional.of(Output.of("203.0.113.7")));

        assertThat(at(service, "spec.loadBalancerIP")).isEqualTo("203.0.113.7");
    }
}
