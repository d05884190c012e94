package gkeserving.tools.render;

import gkeserving.tools.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * What {@code render --out} may write and delete: only its own files, never through a link, never in the
 * file system's root or the project directory. Each refusal exits 2 with one message and writes nothing.
 */
class RenderOutputTest {
    @TempDir
    Path temp;

    private Path project() {
        return TestProject.sample(temp.resolve("project"));
    }

    private CommandRun render(Path out, String... extra) {
        String[] args = Stream.concat(Stream.of("--stack", "test", "--out", out.toString(), "--project-dir",
                project().toString()), Stream.of(extra)).toArray(String[]::new);
        return CommandRun.of(new CommandLine(new RenderCommand(SampleProgram::valid)), args);
    }

    private static void assertRefused(CommandRun run, String... message) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains(message).doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void aFileInK8sThatRenderDidNotWriteIsNeverDeleted() throws IOException {
        Path out = temp.resolve("out");
        TestProject.write(out.resolve("k8s/00-mine.yaml"), "kind: Mine\n");

        assertRefused(render(out), "holds files that render did not write (k8s/00-mine.yaml)", "--force");
        assertThat(out.resolve("k8s/00-mine.yaml")).hasContent("kind: Mine");
        assertThat(out.resolve("plan.json")).as("nothing written for a refused render").doesNotExist();

        assertThat(render(out, "--force").exitCode()).isZero();
        assertThat(out.resolve("k8s/00-mine.yaml")).as("kept beside the render").hasContent("kind: Mine");
        assertThat(out.resolve("k8s/04-deployment-web.yaml")).exists();
    }

    @Test
    void aSymlinkedK8sDirectoryIsNeverFollowedToDeleteOrWrite() throws IOException {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        TestProject.write(elsewhere.resolve("precious.yaml"), "keep: me\n");
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.createSymbolicLink(out.resolve("k8s"), elsewhere);

        assertRefused(render(out), "k8s is a symbolic link");
        assertRefused(render(out, "--force"), "k8s is a symbolic link");
        assertThat(elsewhere.resolve("precious.yaml")).hasContent("keep: me");
        assertThat(RenderCommandTest.files(elsewhere)).containsExactly("precious.yaml");
    }

    @Test
    void aSymlinkedPlanIsNotWrittenThrough() throws IOException {
        Path target = Files.writeString(temp.resolve("target.txt"), "not a plan\n");
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.createSymbolicLink(out.resolve("plan.json"), target);

        assertRefused(render(out), "plan.json is a symbolic link");
        assertThat(target).hasContent("not a plan");
    }

    @Test
    void theFileSystemRootIsRefused() {
        assumeFalse(Files.exists(Path.of("/plan.json")) || Files.exists(Path.of("/k8s")), "a render already sits in /");

        assertRefused(render(Path.of("/")), "--out / is the file system's root");
        assertThat(Path.of("/plan.json")).doesNotExist();
        assertThat(Path.of("/k8s")).doesNotExist();
    }

    @Test
    void theProjectDirectoryItselfIsRefused() {
        Path project = project();

        assertRefused(render(project), "is the project directory itself");
        assertThat(project.resolve("plan.json")).doesNotExist();
        assertThat(project.resolve("k8s")).doesNotExist();
    }

    @Test
    void aRecordListingAFileRenderNeverWritesIsRefusedAndNothingIsDeleted() throws IOException {
        Path out = temp.resolve("out");
        Path precious = Files.writeString(temp.resolve("precious.txt"), "keep\n");
        TestProject.write(out.resolve(RenderOutput.RECORD), "k8s/../../precious.txt\n");

        assertRefused(render(out, "--force"), "lists k8s/../../precious.txt, which render never writes");
        assertThat(precious).exists();
    }

    @Test
    void theRecordListsExactlyTheFilesOfTheLastRender() throws IOException {
        Path out = temp.resolve("out");
        assertThat(render(out).exitCode()).isZero();

        assertThat(Files.readAllLines(out.resolve(RenderOutput.RECORD)).stream().filter(l -> !l.startsWith("#")))
                .containsExactly("k8s/01-namespace-serving.yaml", "k8s/02-configmap-tf-serving-config.yaml",
                        "k8s/03-secret-api-token.yaml", "k8s/04-deployment-web.yaml", "k8s/05-service-web.yaml",
                        "k8s/06-helmrelease-nvidia-device-plugin.yaml", "plan.json");
        assertThat(render(out).exitCode()).as("its own earlier render is replaced without --force").isZero();
    }

    @Test
    void anOutThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("out"), "text\n");

        assertRefused(render(file), "is a file, not a directory");
        assertThat(file).hasContent("text");
    }
}
