package gkeserving.tools.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real gcloud seam, run against a fake gcloud script on PATH that records its arguments. */
class GcloudProcessTest {
    @TempDir
    Path root;

    private Path fakeGcloud(String body) throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path gcloud = Files.writeString(bin.resolve("gcloud"), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(gcloud, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void theGcloudOnPathGetsExactlyTheArgumentsAndItsExitCodeAndOutputComeBack() throws Exception {
        Path args = root.resolve("args");
        Path bin = fakeGcloud("for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + args + "'; done\n"
                + "echo 'Added tag.' >&2\nexit 0\n");
        List<String> arguments = List.of("artifacts", "docker", "tags", "add",
                "us-central1-docker.pkg.dev/p/serving/iris@sha256:" + "ab".repeat(32),
                "us-central1-docker.pkg.dev/p/serving/iris:promoted-prod", "--quiet");

        Gcloud gcloud = GcloudLocator.onPath(Map.of("PATH", root.resolve("empty") + ":" + bin)).locate().orElseThrow();
        Gcloud.Result result = gcloud.run(arguments);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).isEqualTo("Added tag.\n");
        assertThat(Files.readAllLines(args)).isEqualTo(arguments);
    }

    @Test
    void aFailingGcloudReportsItsExitCodeAndErrorWithoutAnyInput() throws Exception {
        // read fails at once on the closed input; a gcloud waiting for an answer would otherwise hang here
        Path bin = fakeGcloud("read answer\necho \"ERROR: (gcloud.artifacts.docker.tags.add) denied [$answer]\" >&2\nexit 1\n");

        Gcloud.Result result = new GcloudProcess(bin.resolve("gcloud"), Duration.ofSeconds(20)).run(List.of("x"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(PromotionTagging.summary(result.output())).isEqualTo("ERROR: (gcloud.artifacts.docker.tags.add) denied []");
    }

    @Test
    void aGcloudThatDoesNotFinishIsStopped() throws Exception {
        Path bin = fakeGcloud("exec sleep 30\n");
        Gcloud gcloud = new GcloudProcess(bin.resolve("gcloud"), Duration.ofMillis(300));

        assertThatThrownBy(() -> gcloud.run(List.of("x"))).hasMessageContaining("did not finish");
    }

    @Test
    void gcloudIsFoundOnlyAsAnExecutableFileOnPath() throws Exception {
        Path plain = Files.createDirectories(root.resolve("plain"));
        Files.writeString(plain.resolve("gcloud"), "");

        assertThat(GcloudLocator.onPath(Map.of("PATH", plain.toString())).locate()).isEmpty();
        assertThat(GcloudLocator.onPath(Map.of()).locate()).isEmpty();
    }

    @Test
    void gcloudsErrorLinesAreTheSummaryElseItsLastLine() {
        assertThat(PromotionTagging.summary("Doing things\nERROR: one\n\nERROR: two\nmore\n")).isEqualTo("ERROR: one; ERROR: two");
        assertThat(PromotionTagging.summary("first\nlast line\n\n")).isEqualTo("last line");
        assertThat(PromotionTagging.summary("")).isEqualTo("no output");
    }
}
