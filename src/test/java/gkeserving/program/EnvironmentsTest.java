package gkeserving.program;

import gkeserving.program.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The environments as the project promises them: each shipped stack file has its intended shape. */
class EnvironmentsTest {
    @Test
    void theRepositoryShipsDevStagingAndProd() {
        assertThat(ProgramRun.shippedStacks()).containsExactlyInAnyOrder("dev", "staging", "prod");
        assertThat(ProgramRun.FILES.stackFile("dev")).isEqualTo(ProgramRun.FILES.projectDir().resolve("Pulumi.dev.yaml"));
    }

    @Test
    void devIsSmallZonalSpotAndScalesToZero() {
        Settings dev = Fixtures.settings("dev");
        assertThat(dev.cluster().regional()).isFalse();
        assertThat(dev.gpuPool().accelerator()).isIn("nvidia-tesla-t4", "nvidia-l4");
        assertThat(dev.gpuPool().spot()).isTrue();
        assertThat(dev.gpuPool().minNodes()).isZero();
        assertThat(dev.gpuPool().maxNodes()).isEqualTo(2);
        // Scale to zero, behind the request-holding interceptor (KEDA's HTTP add-on).
        assertThat(dev.serving().autoscaling().minReplicas()).isZero();
        assertThat(dev.serving().autoscaling().keda()).isTrue();
        assertThat(dev.serving().autoscaling().maxReplicas()).isEqualTo(2);
        assertThat(dev.serving().service().internal()).isFalse();
        assertThat(dev.serving().service().sourceRanges()).isNotEmpty().doesNotContain("0.0.0.0/0");
        assertThat(dev.cluster().deletionProtection()).isFalse();
        assertThat(dev.protect()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void stagingAndProdAreRegionalOnDemandInTwoZonesProtectedAndPrivate(String stack) {
        Settings s = Fixtures.settings(stack);
        assertThat(s.cluster().regional()).isTrue();
        assertThat(s.gpuPool().zones()).hasSize(2);
        assertThat(s.gpuPool().spot()).isFalse();
        assertThat(s.gpuPool().minNodes()).isGreaterThanOrEqualTo(1);
        assertThat(s.serving().autoscaling().minReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(s.cluster().deletionProtection()).isTrue();
        assertThat(s.cluster().privateNodes()).isTrue();
        assertThat(s.protect()).isTrue();

        var run = ProgramRun.of(stack).assertSucceeded();
        assertThat(run.ofType(ResourceTypes.PDB)).hasSize(1);
        assertThat(at(run.onlyOne(ResourceTypes.CLUSTER), "deletionProtection")).isEqualTo(true);
    }

    @Test
    void stagingIsProdsShapeAtASmallerSize() {
        Settings staging = Fixtures.settings("staging");
        Settings prod = Fixtures.settings("prod");
        assertThat(staging.gpuPool().accelerator()).isEqualTo(prod.gpuPool().accelerator());
        assertThat(staging.gpuPool().maxNodes()).isLessThan(prod.gpuPool().maxNodes());
        assertThat(staging.serving().autoscaling().maxReplicas()).isLessThan(prod.serving().autoscaling().maxReplicas());
    }
}
