package gkeserving.program.serving;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.ResourceTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link TfServingNetworkPolicy}: only the serving ports reach the pods, and the metrics scraper the REST port. */
class TfServingNetworkPolicyTest {
    @Test
    void admitsTheServingPortsFromClientsAndTheRestPortFromManagedPrometheus() {
        var labels = ServingLabels.of(Fixtures.settings("dev").model());
        var policy = Fixtures.inputs(TfServingNetworkPolicy.args(labels, Output.of("serving")));

        assertThat(at(policy, "metadata.namespace")).isEqualTo("serving");
        assertThat(at(policy, "spec.podSelector.matchLabels")).isEqualTo(labels.selector());
        assertThat(at(policy, "spec.policyTypes")).isEqualTo(List.of("Ingress"));
        List<?> ingress = (List<?>) at(policy, "spec.ingress");
        assertThat(ingress).hasSize(2);
        assertThat(at(asMap(ingress.get(0)), "ports")).isEqualTo(List.of(
                Map.of("port", (double) TfServingFlags.REST_PORT, "protocol", "TCP"),
                Map.of("port", (double) TfServingFlags.GRPC_PORT, "protocol", "TCP")));
        assertThat(at(asMap(ingress.get(0)), "from")).isNull();
        assertThat(at(asMap(ingress.get(1)), "ports")).isEqualTo(List.of(
                Map.of("port", (double) TfServingFlags.REST_PORT, "protocol", "TCP")));
        assertThat(at(asMap(ingress.get(1)), "from")).isEqualTo(List.of(Map.of("namespaceSelector",
                Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "gmp-system")))));
    }

    @Test
    void everyStackRegistersItInTheServingNamespaceThroughTheClustersProvider() {
        var run = ProgramRun.of("prod").assertSucceeded();
        var policy = run.onlyOne(ResourceTypes.NETWORK_POLICY);
        assertThat(at(policy, "metadata.namespace")).isEqualTo("serving");
        assertThat(at(policy, "metadata.name")).isEqualTo("tf-serving-iris");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
