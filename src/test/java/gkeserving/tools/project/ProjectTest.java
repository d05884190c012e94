package gkeserving.tools.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectTest {
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

        Project project = Project.locate(Optional.empty(), root);

        assertThat(project.stacks()).containsExactly(
                new StackFile("dev", root.resolve("Pulumi.dev.yaml"), true),
                new StackFile("prod", root.resolve("stacks/Pulumi.prod.yaml"), false));
        assertThat(project.stack("prod")).isEqualTo(new StackFile("prod", root.resolve("stacks/Pulumi.prod.yaml"), false));
        assertThat(project.programBinary()).isEmpty();
    }

    @Test
    void theProjectIsFoundFromASubdirectoryAndAnExplicitDirIsResolvedFromTheWorkingDirectory() throws Exception {
        write("Pulumi.yaml", "name: x\n");
        Path nested = Files.createDirectories(root.resolve("a/b"));

        assertThat(Project.locate(Optional.empty(), nested).root()).isEqualTo(root.toAbsolutePath());
        assertThat(Project.locate(Optional.of(Path.of("../..")), nested).root()).isEqualTo(root.toAbsolutePath());
    }

    @Test
    void withoutPulumiYamlTheErrorSaysWhereItLookedAndWhatToPass() throws Exception {
        Path nested = Files.createDirectories(root.resolve("a"));

        assertThatThrownBy(() -> Project.locate(Optional.empty(), nested))
                .isInstanceOf(ProjectException.class)
                .hasMessage("no Pulumi.yaml in " + nested.toAbsolutePath()
                        + " or any parent directory: run inside the project or pass --project-dir");
        assertThatThrownBy(() -> Project.locate(Optional.of(nested), root))
                .isInstanceOf(ProjectException.class)
                .hasMessage("--project-dir " + nested.toAbsolutePath() + " has no Pulumi.yaml");
    }

    @Test
    void aStackWithTwoFilesIsAmbiguous() throws Exception {
        write("Pulumi.yaml", "name: x\n");
        write("Pulumi.prod.yaml", "config: {}\n");
        write("stacks/Pulumi.prod.yaml", "config: {}\n");

        assertThatThrownBy(() -> new Project(root).stack("prod"))
                .isInstanceOf(ProjectException.class).hasMessageContaining("stack prod has two config files");
    }

    @Test
    void anUnknownStackSaysWhereItLookedAndListsTheStacksThatExist() throws Exception {
        write("Pulumi.yaml", "name: x\n");
        write("Pulumi.dev.yaml", "");

        assertThatThrownBy(() -> new Project(root).stack("qa"))
                .isInstanceOf(ProjectException.class)
                .hasMessage("unknown stack 'qa': no Pulumi.qa.yaml in " + root + " or " + root.resolve("stacks")
                        + "; stacks here: dev");
    }

    @Test
    void theProgramBinaryIsReadFromRuntimeOptions() throws Exception {
        write("Pulumi.yaml", "name: x\nruntime:\n  name: java\n  options:\n    binary: target/app.jar\n");

        assertThat(new Project(root).programBinary()).contains(root.resolve("target/app.jar"));
    }

    @Test
    void confirmationIsRequiredExactlyWhereAStackFileSaysSo() throws Exception {
        write("Pulumi.yaml", "name: x\n");
        write("Pulumi.dev.yaml", "config:\n  x:protect: true\n");
        write("stacks/Pulumi.staging.yaml", "config:\n  pipeline:requireConfirmation: true\n");
        write("stacks/Pulumi.prod.yaml", "config:\n  pipeline:requireConfirmation: false\n");
        write("stacks/Pulumi.qa.yaml", "config:\n  pipeline:requireConfirmation: yes please\n");
        Project project = new Project(root);

        assertThat(project.requiresConfirmation("dev")).isFalse();
        assertThat(project.requiresConfirmation("staging")).isTrue();
        assertThat(project.requiresConfirmation("prod")).isFalse();
        assertThatThrownBy(() -> project.requiresConfirmation("qa"))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("pipeline:requireConfirmation (yes please)").hasMessageContaining("must be true or false");
    }

    @Test
    void theShippedProdStackRequiresConfirmationAndTheOthersDoNot() {
        Project shipped = Project.at(Path.of(""));

        assertThat(shipped.requiresConfirmation("prod")).isTrue();
        assertThat(shipped.requiresConfirmation("staging")).isFalse();
        assertThat(shipped.requiresConfirmation("dev")).isFalse();
    }
}
