package gkeserving.tools.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackFilesTest {
    @TempDir
    Path dir;

    private StackFiles project() throws IOException {
        Files.writeString(dir.resolve("Pulumi.yaml"), """
                name: demo
                runtime: java
                config:
                  demo:protect:
                    type: boolean
                    default: false
                  flavour: vanilla
                """);
        Files.writeString(dir.resolve("Pulumi.dev.yaml"), """
                config:
                  gcp:region: us-central1
                  demo:protect: true
                  demo:pool:
                    minNodes: 0
                    zones: [us-central1-a]
                """);
        Files.createDirectories(dir.resolve("stacks"));
        Files.writeString(dir.resolve("stacks/Pulumi.prod.yaml"), "config:\n  gcp:region: europe-west4\n");
        return StackFiles.of(dir);
    }

    @Test
    void findsStacksAtTheRootAndUnderStacks() throws IOException {
        assertThat(project().stacks()).containsOnlyKeys("dev", "prod");
        assertThat(project().stackFile("prod")).isEqualTo(dir.resolve("stacks/Pulumi.prod.yaml"));
    }

    @Test
    void passesObjectsAsJsonAndScalarsAsTextLikeTheEngine() throws IOException {
        var config = project().config("dev");
        assertThat(config).containsEntry("gcp:region", "us-central1")
                .containsEntry("demo:protect", "true")
                .containsEntry("demo:flavour", "vanilla")
                .containsEntry("demo:pool", "{\"minNodes\":0,\"zones\":[\"us-central1-a\"]}");
    }

    @Test
    void projectDefaultsApplyWhenTheStackIsSilent() throws IOException {
        assertThat(project().config("prod")).containsEntry("demo:protect", "false").containsEntry("gcp:region", "europe-west4");
    }

    @Test
    void unknownStackListsTheStacksThatExist() throws IOException {
        var files = project();
        assertThatThrownBy(() -> files.config("qa"))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("unknown stack 'qa'")
                .hasMessageContaining("dev, prod");
    }

    @Test
    void missingProjectFileIsNamed() {
        assertThatThrownBy(() -> StackFiles.of(dir)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("has no Pulumi.yaml");
    }

    @Test
    void aStackWithTwoConfigFilesIsRefused() throws IOException {
        var files = project();
        Files.writeString(dir.resolve("stacks/Pulumi.dev.yaml"), "config: {}\n");
        assertThatThrownBy(files::stacks)
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("stack dev has two config files");
    }

    @Test
    void theSaltFileTheCliWritesAtTheRootIsNotASecondConfigFile() throws IOException {
        var files = project();
        Files.writeString(dir.resolve("Pulumi.prod.yaml"), "encryptionsalt: v1:abc\n");
        assertThat(files.stacks()).containsEntry("prod", dir.resolve("stacks/Pulumi.prod.yaml"));
        assertThat(files.secretsStateFile("prod")).contains(dir.resolve("Pulumi.prod.yaml"));
        assertThat(files.secretsStateFile("dev")).isEmpty();
        assertThat(files.config("prod")).containsEntry("gcp:region", "europe-west4");
    }
}
