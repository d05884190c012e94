package gkeserving.tools.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Problems found before any pulumi command runs: exit 2, one sentence, no CLI call. */
class PipelinePreflightTest {
    @TempDir
    Path tempDir;

    @Test
    void withoutThePulumiCliItSaysHowToInstallItAndExits2() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cliInstalled = false;

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(2);
        assertThat(h.err()).contains("pulumi CLI is not installed", "curl -fsSL https://get.pulumi.com | sh",
                "https://www.pulumi.com/docs/install/");
        assertThat(h.err().lines().filter(line -> line.startsWith("error:"))).hasSize(1);
        assertThat(h.report().path("exitCode").asInt()).isEqualTo(2);
    }

    @Test
    void withoutAPassphraseItNamesTheVariablesAndExits2() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.env.remove("PULUMI_CONFIG_PASSPHRASE");

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(2);
        assertThat(h.err()).contains("PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) is not set");
        assertThat(h.cli.calls()).isEmpty();
    }

    @Test
    void aPassphraseFileIsPassedOnWhenItExists() throws Exception {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.env.remove("PULUMI_CONFIG_PASSPHRASE");
        Path file = Files.writeString(tempDir.resolve("passphrase.txt"), "from-file");
        h.env.put("PULUMI_CONFIG_PASSPHRASE_FILE", file.toString());

        assertThat(h.run("deploy", "--stack", "dev")).isZero();
        assertThat(h.cli.calls()).allSatisfy(call ->
                assertThat(call.env()).containsEntry("PULUMI_CONFIG_PASSPHRASE_FILE", file.toString())
                        .doesNotContainKey("PULUMI_CONFIG_PASSPHRASE"));
    }

    @Test
    void aPassphraseFileThatDoesNotExistIsAUsageError() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.env.remove("PULUMI_CONFIG_PASSPHRASE");
        h.env.put("PULUMI_CONFIG_PASSPHRASE_FILE", tempDir.resolve("nope").toString());

        assertThat(h.run("deploy", "--stack", "dev")).isEqualTo(2);
        assertThat(h.err()).contains("PULUMI_CONFIG_PASSPHRASE_FILE names", "not a readable file");
        assertThat(h.cli.calls()).isEmpty();
    }

    @Test
    void anUnknownStackListsTheStacksThatExist() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        int exit = h.run("deploy", "--stack", "qa");

        assertThat(exit).isEqualTo(2);
        assertThat(h.err()).contains("unknown stack 'qa'", "stacks here: dev, prod, staging");
        assertThat(h.cli.calls()).isEmpty();
        assertThat(h.reportFiles()).as("no report for a stack that does not exist").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../escaped", "../escaped", "sub/escaped"})
    void aStackNameThatIsAPathIsRefusedAndNothingIsWritten(String stack) throws IOException {
        PipelineHarness h = PipelineHarness.create(tempDir);

        int exit = h.run("deploy", "--stack", stack);

        assertThat(exit).isEqualTo(2);
        assertThat(h.err()).contains("'" + stack + "' is not a stack name", "letters, digits, hyphens, underscores or periods");
        assertThat(h.err().lines().filter(line -> line.startsWith("error:"))).hasSize(1);
        assertThat(filesNamed("escaped-", tempDir)).isEmpty();
        assertThat(h.cli.calls()).isEmpty();
    }

    @Test
    void anAbsolutePathAsStackNameWritesNoReportThere() throws IOException {
        PipelineHarness h = PipelineHarness.create(tempDir);
        Path elsewhere = Files.createDirectories(tempDir.resolve("elsewhere"));

        assertThat(h.run("deploy", "--stack", elsewhere.resolve("x").toString())).isEqualTo(2);
        assertThat(h.err()).contains("is not a stack name");
        assertThat(filesNamed("x-", elsewhere)).isEmpty();
    }

    /** Files under {@code dir} whose name starts with {@code prefix}. */
    private static List<Path> filesNamed(String prefix, Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    @Test
    void theProjectIsFoundFromASubdirectory() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cwd = h.root.resolve("models/iris");

        int exit = h.run("preview", "--stack", "dev");

        assertThat(exit).as(h.err()).isZero();
        assertThat(h.reportFiles()).singleElement()
                .satisfies(report -> assertThat(report.getParent()).isEqualTo(h.root.resolve("target/pipeline")));
    }

    @Test
    void outsideAnyProjectItSaysWhereItLookedAndExits2() {
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cwd = tempDir;

        assertThat(h.run("preview", "--stack", "dev")).isEqualTo(2);
        assertThat(h.err()).contains("no Pulumi.yaml in " + tempDir, "--project-dir");
        assertThat(h.cli.calls()).isEmpty();
    }

    @Test
    void aProjectDirWithoutPulumiYamlIsAUsageError() {
        PipelineHarness h = PipelineHarness.create(tempDir);

        int exit = h.run("deploy", "--stack", "dev", "--project-dir", tempDir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(h.err()).contains("has no Pulumi.yaml");
        assertThat(h.reportFiles()).isEmpty();
    }

    @Test
    void aMissingProgramJarSaysToBuildItFirst() throws Exception {
        PipelineHarness h = PipelineHarness.create(tempDir);
        Files.delete(h.root.resolve("target/gke-gpu-serving.jar"));

        int exit = h.run("deploy", "--stack", "dev");

        assertThat(exit).isEqualTo(2);
        assertThat(h.err()).contains("target/gke-gpu-serving.jar", "does not exist", "./mvnw -B package");
        assertThat(h.cli.calls()).isEmpty();
    }
}
