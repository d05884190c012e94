package gkeserving.program.cluster;

import gkeserving.program.Fixtures;
import gkeserving.program.config.GpuOperatorReleases;
import gkeserving.program.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The GPU Operator's objects ({@link GpuOperatorRelease}, its namespace and plugin config) from shipped stacks' settings, without Pulumi. */
class GpuOperatorReleaseTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theChartIsThePinnedOneInTheOperatorsNamespaceWithValuesForThePool(String stack) {
        Settings s = Fixtures.settings(stack);
        var op = s.gpuOperator();
        var checked = new GpuOperatorSupport.Checked(GpuOperatorReleases.find(op.version()).orElseThrow(),
                s.cluster().releaseChannel(), 35);
        var release = Fixtures.inputs(GpuOperatorRelease.args(op, s.gpuPool(), checked));

        assertThat(at(release, "name")).isEqualTo("gpu-operator");
        assertThat(at(release, "chart")).isEqualTo(op.chart());
        assertThat(at(release, "version")).isEqualTo(op.version());
        assertThat(at(release, "repositoryOpts.repo")).isEqualTo(op.repository());
        assertThat(at(release, "namespace")).isEqualTo(op.namespace());
        assertThat(at(release, "timeout")).isEqualTo(900.0);
        assertThat(at(release, "description")).isEqualTo(checked.description());
        assertThat(at(release, "values.driver.enabled")).isEqualTo(false);
        assertThat(at(release, "values.devicePlugin.config.name")).isEqualTo(DevicePluginConfig.CONFIG_MAP_NAME);
    }

    @Test
    void systemCriticalPodsAreAdmittedUnderAQuotaScopedToTheirPriorityClasses() {
        var quota = Fixtures.inputs(GpuOperatorRelease.criticalPodsQuota("gpu-operator"));

        assertThat(at(quota, "metadata.namespace")).isEqualTo("gpu-operator");
        assertThat(at(quota, "spec.hard")).isEqualTo(Map.of("pods", "100"));
        assertThat(at(quota, "spec.scopeSelector.matchExpressions")).isEqualTo(List.of(Map.of(
                "scopeName", "PriorityClass", "operator", "In",
                "values", List.of("system-node-critical", "system-cluster-critical"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void thePluginConfigMapHoldsTheRenderedConfigUnderTheKeyTheValuesName(String stack) {
        Settings s = Fixtures.settings(stack);
        var config = Fixtures.inputs(DevicePluginConfig.configMap(s.gpuOperator().namespace(), s.gpuPool()));

        assertThat(at(config, "metadata")).isEqualTo(Map.of("name", "device-plugin-config", "namespace", s.gpuOperator().namespace()));
        assertThat(at(config, "data")).isEqualTo(Map.of(DevicePluginConfig.CONFIG_KEY, DevicePluginConfig.render(s.gpuPool())));
    }

    @Test
    void aNamespaceEnforcesItsPodSecurityLevelBesideItsOwnLabels() {
        var privileged = Fixtures.inputs(PodSecurity.PRIVILEGED.namespace("gpu-operator", Map.of()));
        var restricted = Fixtures.inputs(PodSecurity.RESTRICTED.namespace("serving", Map.of("app.kubernetes.io/part-of", "x")));

        assertThat(privileged).isEqualTo(Map.of("metadata", Map.of("name", "gpu-operator",
                "labels", Map.of("pod-security.kubernetes.io/enforce", "privileged"))));
        assertThat(at(restricted, "metadata.labels")).isEqualTo(Map.of(
                "pod-security.kubernetes.io/enforce", "restricted", "app.kubernetes.io/part-of", "x"));
    }
}
