package gkeserving.cli;

import gkeserving.tools.pipeline.PipelineDeps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar's command line: one root, every command under it, its help and exit codes. */
class MainTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** No pulumi CLI, no passphrase and a smoke check that must not be reached. */
    private int run(Path cwd, String... args) {
        PipelineDeps deps = new PipelineDeps(Map.of(), cwd, temp.resolve("home"), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Optional::empty, Optional::empty, (endpoints, model, sample) -> {
                    throw new AssertionError("no smoke test without a deployment");
                });
        return Main.commandLine(deps).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommandTheExitCodesAndTheEnvironment() {
        assertThat(run(temp, "--help")).isZero();

        assertThat(out()).contains("Without arguments this jar is the Pulumi program")
                .contains("Commands:")
                .containsPattern("\n  render ")
                .containsPattern("\n  preview ")
                .containsPattern("\n  deploy ")
                .containsPattern("\n  destroy ")
                .containsPattern("\n  refresh ")
                .containsPattern("\n  outputs ")
                .containsPattern("\n  promote ")
                .contains("Exit codes:", "  0   ok", "  1   failed", "  2   bad usage", "  3   the gate refused")
                .contains("Environment:", "PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE", "PULUMI_BACKEND_URL")
                .contains("pipeline:requireConfirmation");
    }

    @Test
    void withoutACommandOrWithAnUnknownOneItIsAUsageError() {
        assertThat(run(temp)).isEqualTo(2);
        assertThat(err()).contains("a command is required");
        assertThat(run(temp, "deploy-everything")).isEqualTo(2);
    }

    @Test
    void renderAndThePipelineSayTheSameWhenThereIsNoProject() throws Exception {
        Path nowhere = Files.createDirectories(temp.resolve("nowhere"));
        String expected = "error: no Pulumi.yaml in " + nowhere.toAbsolutePath()
                + " or any parent directory: run inside the project or pass --project-dir";
        String explicit = "error: --project-dir " + nowhere.toAbsolutePath() + " has no Pulumi.yaml";

        assertThat(run(nowhere, "deploy", "--stack", "dev")).isEqualTo(2);
        assertThat(run(nowhere, "render", "--stack", "dev", "--out", temp.resolve("out").toString(),
                "--project-dir", nowhere.toString())).isEqualTo(2);
        assertThat(run(nowhere, "preview", "--stack", "dev", "--project-dir", nowhere.toString())).isEqualTo(2);

        assertThat(err().lines()).containsExactly(expected, explicit, explicit);
    }
}
