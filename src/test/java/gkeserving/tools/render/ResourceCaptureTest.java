package gkeserving.tools.render;

import gkeserving.program.ResourceTypes;
import com.pulumi.resources.Resource;
import gkeserving.tools.render.ResourceCapture.Captured;
import gkeserving.tools.render.tree.FieldPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one capture of a run that the render and the program's tests both read. */
class ResourceCaptureTest {
    private static final ResourceCapture CAPTURE = new ResourceCapture();

    @BeforeAll
    static void runTheSample() {
        var outcome = InProcessRun.run("sample", "test", Map.of(), List.of(CAPTURE), SampleProgram::valid);
        assertThat(outcome.failed()).as("sample run failed").isFalse();
    }

    private static Captured captured(String name) {
        List<Captured> found = CAPTURE.inConstructionOrder().stream().filter(c -> c.name().equals(name)).toList();
        assertThat(found).as("captured " + name).hasSize(1);
        return found.get(0);
    }

    @Test
    void everyResourceButTheStackInTheProgramsOwnOrder() {
        assertThat(CAPTURE.inConstructionOrder()).extracting(Captured::name).containsExactly(
                "platform", "k8s", "serving-ns", "tf-config", "api-token", "web", "web-svc", "device-plugin");
    }

    @Test
    void keepsTheOptionsAsGiven() {
        assertThat(captured("platform").protect()).isTrue();
        assertThat(captured("k8s").protect()).as("protection is inherited later, by the render").isFalse();
        assertThat(captured("k8s").options().getParent()).map(Resource::pulumiResourceName).hasValue("platform");
        assertThat(captured("web").type()).isEqualTo(ResourceTypes.DEPLOYMENT);
    }

    @Test
    void dependsOnIsTheExplicitListAndEmptyWithoutOne() {
        assertThat(captured("web").dependsOn()).extracting(Resource::pulumiResourceName).containsExactly("tf-config");
        assertThat(captured("web-svc").dependsOn()).extracting(Resource::pulumiResourceName).containsExactly("web");
        assertThat(captured("serving-ns").dependsOn()).isEmpty();
    }

    @Test
    void inputsNameTheResourcesBehindOutputsAndTheSecretPaths() {
        assertThat(captured("tf-config").inputs().dependencies()).extracting(Resource::pulumiResourceName)
                .containsExactly("serving-ns");
        assertThat(captured("serving-ns").inputs().dependencies()).isEmpty();
        assertThat(captured("web").inputs().secretPaths()).extracting(FieldPath::toString)
                .containsExactly("spec.template.spec.containers[0].env[0].value");
        assertThat(captured("k8s").inputs().secretPaths()).extracting(FieldPath::toString).containsExactly("kubeconfig");
    }
}
