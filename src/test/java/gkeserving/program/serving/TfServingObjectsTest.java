package gkeserving.program.serving;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.TreeMap;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The smaller TF Serving builders (labels, identity, config, address, budget), without Pulumi. */
class TfServingObjectsTest {
    private static final Output<String> NAMESPACE = Output.of("serving");

    @Test
    void labelsNameTheModelAndTheProject() {
        var labels = ServingLabels.of(Fixtures.settings("dev", Map.of(Fixtures.MODEL, "{\"path\":\"models/iris\",\"name\":\"flowers\"}")).model());

        assertThat(labels.workload()).isEqualTo("tf-serving-flowers");
        assertThat(labels.selector()).isEqualTo(Map.of("app.kubernetes.io/name", "tf-serving", "app.kubernetes.io/instance", "flowers"));
        assertThat(labels.labels()).containsAllEntriesOf(labels.selector()).containsEntry("app.kubernetes.io/part-of", "gke-gpu-serving")
                .hasSize(3);
    }

    @Test
    void theServiceAccountMountsNoToken() {
        var account = Fixtures.inputs(TfServingServiceAccount.args(ServingLabels.of(Fixtures.settings("dev").model()), NAMESPACE));

        assertThat(at(account, "automountServiceAccountToken")).isEqualTo(false);
        assertThat(at(account, "metadata.name")).isEqualTo("tf-serving-iris");
        assertThat(at(account, "metadata.namespace")).isEqualTo("serving");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theConfigMapHoldsEveryConfigFile(String stack) {
        Settings s = Fixtures.settings(stack);
        var files = TfServingConfigs.files(s.model(), s.serving());
        var configMap = Fixtures.inputs(TfServingConfigMap.args(ServingLabels.of(s.model()), NAMESPACE, files));

        assertThat(new TreeMap<>((Map<?, ?>) at(configMap, "data"))).isEqualTo(files);
        assertThat(at(configMap, "metadata.name")).isEqualTo("tf-serving-iris-config");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void aDisruptionBudgetKeepsOnePodOnlyWhenThereIsOneToSpare(String stack) {
        Settings s = Fixtures.settings(stack);
        var labels = ServingLabels.of(s.model());
        var budget = TfServingDisruptionBudget.args(labels, NAMESPACE, s.serving().autoscaling());

        assertThat(budget.isPresent()).isEqualTo(s.serving().autoscaling().minReplicas() > 1);
        budget.map(Fixtures::inputs).ifPresent(pdb -> {
            assertThat(at(pdb, "spec.minAvailable")).isEqualTo(1.0);
            assertThat(at(pdb, "spec.selector.matchLabels")).isEqualTo(labels.selector());
            assertThat(at(pdb, "spec.unhealthyPodEvictionPolicy")).isEqualTo("AlwaysAllow");
        });
    }

    @Test
    void aStaticIpIsReservedInTheStacksRegionOnlyWhenAskedFor() {
        Settings plain = Fixtures.settings("dev");
        Settings withIp = Fixtures.devWithServing("{\"service\":{\"staticIp\":true}}");

        assertThat(TfServingAddress.args(plain.gcp(), plain.model(), plain.serving().service())).isEmpty();
        var address = Fixtures.inputs(TfServingAddress.args(withIp.gcp(), withIp.model(), withIp.serving().service()).orElseThrow());
        assertThat(address).containsEntry("project", "gke-gpu-serving-dev").containsEntry("region", "us-central1")
                .containsEntry("addressType", "EXTERNAL");
    }
}
