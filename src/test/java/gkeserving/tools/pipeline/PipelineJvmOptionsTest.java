package gkeserving.tools.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The program's JVMs, which the pulumi CLI starts, get the JVM options the build wrote for them. */
class PipelineJvmOptionsTest {
    private static final String BUILT = "-XX:SharedArchiveFile=\"/p/target/gke-gpu-serving.jsa\" "
            + "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr";

    @TempDir
    Path tempDir;

    @Test
    void everyCliCallCarriesTheBuiltOptionsInJdkJavaOptions() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.write("target/jvm-options", BUILT + "\n");

        assertThat(h.run("deploy", "--stack", "dev")).as(h.err()).isZero();

        assertThat(h.cli.calls()).isNotEmpty()
                .allSatisfy(call -> assertThat(call.env()).containsEntry("JDK_JAVA_OPTIONS", BUILT));
    }

    @Test
    void optionsTheCallerSetComeAfterTheBuiltOnesSoTheyWin() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.write("target/jvm-options", BUILT);
        h.env.put("JDK_JAVA_OPTIONS", "-XX:+UseG1GC -Xmx2g");

        h.run("preview", "--stack", "dev");

        assertThat(h.cli.calls()).isNotEmpty().allSatisfy(call -> assertThat(call.env())
                .containsEntry("JDK_JAVA_OPTIONS", BUILT + " -XX:+UseG1GC -Xmx2g"));
    }

    @Test
    void withoutBuiltOptionsTheVariableIsLeftAsTheCallerHasIt() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        h.run("preview", "--stack", "dev");

        assertThat(h.cli.calls()).isNotEmpty()
                .allSatisfy(call -> assertThat(call.env()).doesNotContainKey("JDK_JAVA_OPTIONS"));
    }
}
