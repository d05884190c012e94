package gkeserving.program.config;

import gkeserving.program.App;
import gkeserving.program.Fixtures;
import gkeserving.program.ProgramRun;
import gkeserving.program.image.DockerDaemon;
import gkeserving.tools.render.InProcessRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Refusals that must point at the key the user wrote, not at a key derived from it, and inputs that must be
 * refused with one message rather than crash the program.
 */
class ConfigMessagesTest {
    private static final String NS = "gke-gpu-serving:";

    private static String onlyError(ProgramRun run) {
        assertThat(run.registrations()).as("registered resources").isEmpty();
        assertThat(run.outcome().result().exceptions()).as("a crash instead of a message").isEmpty();
        assertThat(run.errors()).hasSize(1);
        return run.errors().get(0);
    }

    @Test
    void aMalformedRegionIsReportedAsGcpRegionNotAsTheClusterLocationDerivedFromIt() {
        String error = onlyError(ProgramRun.of("dev", Map.of("gcp:region", "Central US", NS + "cluster", "{}")));

        assertThat(error).contains("(1 problem)", "gcp:region (Central US) must be a GCP region such as us-central1")
                .doesNotContain("cluster.location");
    }

    @Test
    void aZoneGivenAsRegionIsNamedAsSuch() {
        assertThat(onlyError(ProgramRun.of("dev", Map.of("gcp:region", "us-central1-a", NS + "cluster", "{}"))))
                .contains("gcp:region (us-central1-a) must be a GCP region such as us-central1 (us-central1-a is a zone of us-central1)");
    }

    @Test
    void aBadDirectoryNameInModelPathIsReportedAsModelPath() {
        String error = onlyError(ProgramRun.of("dev", Map.of(NS + "model", "{\"path\":\"models/Iris_Model\"}")));

        assertThat(error).contains("model.name is not set, so the model is named after the last directory of"
                + " model.path (models/Iris_Model): Iris_Model must be lowercase letters");
    }

    @Test
    void anExplicitModelNameIsStillReportedAsModelName() {
        assertThat(onlyError(ProgramRun.of("dev", Map.of(NS + "model", "{\"path\":\"models/iris\",\"name\":\"Iris\"}"))))
                .contains("model.name (Iris) must be lowercase letters");
    }

    @Test
    void aNulByteInModelPathIsOneMessageNamingTheKeyNotACrash() {
        String error = onlyError(ProgramRun.of("dev", Map.of(NS + "model", "{\"path\":\"models/\\u0000iris\"}")));

        assertThat(error).contains("model.path (models/?iris) contains a control character (such as NUL)");
    }

    @Test
    void aWholeNumberOutOfRangeIsNotCalledAWrongType() {
        String error = onlyError(ProgramRun.of("dev", Map.of(NS + "cpuPool", "{\"diskSizeGb\":1e12}")));

        assertThat(error).contains("cpuPool.diskSizeGb (1000000000000) is out of range")
                .doesNotContain("must be a whole number\n").doesNotContain("must be a whole number\"");
    }

    @Test
    void aProjectNamedOtherwiseIsRefusedWithTheNameItShouldHave() {
        var config = Fixtures.config("dev");
        var outcome = InProcessRun.run("gke-gpu-servng", "dev", config, List.of(),
                ctx -> App.stack(ctx, DockerDaemon.NOT_PROBED, ProgramRun.FILES.projectDir(), config.keySet()));

        assertThat(outcome.registrations()).isEmpty();
        assertThat(outcome.result().errors()).singleElement().asString()
                .contains("Pulumi.yaml's name (gke-gpu-servng) must be gke-gpu-serving", "(did you mean gke-gpu-serving?)");
    }

    @Test
    void aStackNameThatIsNoGcpLabelValueIsRefused() {
        assertThatThrownBy(() -> Fixtures.load("Prod", Fixtures.config("prod")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("the stack name (Prod) becomes the cluster's GCP label env=Prod");
    }

    @Test
    void aMisspelledKeyInsideAnObjectGetsTheNearestSetting() {
        assertThat(onlyError(ProgramRun.of("dev", Map.of(NS + "gpuPool", "{\"maxnodes\":4}"))))
                .contains("gpuPool.maxnodes is not a known setting (did you mean gpuPool.maxNodes?)");
    }
}
