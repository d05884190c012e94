package gkeserving.tools.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectLayoutTest {
    @TempDir
    Path root;

    private void write(String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void stacksComeFromTheRootAndFromStacksWithTheirLocationKind() throws Exception {
        write("Pulumi.yaml", "name: x\nruntime: java\n");
        write("Pulumi.dev.yaml", "");
        write("stacks/Pulumi.prod.yaml", "");
        write("stacks/README.md", "");

        ProjectLayout layout = ProjectLayout.locate(Optional.empty(), root);

        assertThat(layout.stackFiles()).containsExactly(
                new StackFile("dev", root.resolve("Pulumi.dev.yaml"), true),
                new StackFile("prod", root.resolve("stacks/Pulumi.prod.yaml"), false));
        assertThat(layout.programBinary()).isEmpty();
    }

    @Test
    void aStackWithTwoFilesIsAmbiguous() throws Exception {
        write("Pulumi.yaml", "name: x\n");
        write("Pulumi.prod.yaml", "");
        write("stacks/Pulumi.prod.yaml", "");

        assertThatThrownBy(() -> new ProjectLayout(root).requireStack("prod"))
                .isInstanceOf(PipelineException.class).hasMessageContaining("stack prod has two config files");
    }

    @Test
    void theProgramBinaryIsReadFromRuntimeOptions() throws Exception {
        write("Pulumi.yaml", "name: x\nruntime:\n  name: java\n  options:\n    binary: target/app.jar\n");

        assertThat(new ProjectLayout(root).programBinary()).contains(root.resolve("target/app.jar"));
    }

    @Test
    void pulumiIsFoundOnlyAsAnExecutableFileOnPath() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        Path plain = Files.createDirectories(root.resolve("plain"));
        Files.writeString(plain.resolve("pulumi"), "");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path pulumi = Files.writeString(bin.resolve("pulumi"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(pulumi, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(PulumiCliLocator.findOnPath(empty + ":" + plain)).isEmpty();
        assertThat(PulumiCliLocator.findOnPath(empty + "::" + plain + ":" + bin)).contains(pulumi);
        assertThat(PulumiCliLocator.onPath(java.util.Map.of("PATH", empty.toString())).locate()).isEmpty();
    }
}
