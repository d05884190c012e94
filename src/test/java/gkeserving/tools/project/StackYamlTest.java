package gkeserving.tools.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stack files read as the pulumi CLI (yaml.v3, YAML 1.2 core schema) reads them, not as YAML 1.1: what the
 * CLI passes as text stays text, what it refuses is refused, and where the CLI and YAML 1.2 disagree the value
 * is refused rather than guessed. Each refusal names the file, line and key.
 */
class StackYamlTest {
    private static final String PROJECT = "name: gke-gpu-serving\nruntime: java\n";

    @TempDir
    Path dir;

    private Map<String, String> config(String stackFile) throws IOException {
        Files.writeString(dir.resolve("Pulumi.yaml"), PROJECT);
        Files.writeString(dir.resolve("Pulumi.dev.yaml"), stackFile);
        return StackFiles.of(dir).config("dev");
    }

    private String pool(String yamlValue) throws IOException {
        return config("config:\n  gke-gpu-serving:gpuPool:\n    maxNodes: " + yamlValue + "\n")
                .get("gke-gpu-serving:gpuPool");
    }

    @Test
    void aSexagesimalLookingValueStaysTextAsTheCliPassesIt() throws IOException {
        // YAML 1.1 reads 1:20 as base 60, i.e. 80 nodes; the CLI passes the text and the program refuses it.
        assertThat(pool("1:20")).isEqualTo("{\"maxNodes\":\"1:20\"}");
    }

    @Test
    void aDateStaysTextInsteadOfBecomingATimestamp() throws IOException {
        assertThat(config("config:\n  gke-gpu-serving:model:\n    name: 2024-01-01\n  gcp:project: 2024-01-02\n"))
                .containsEntry("gke-gpu-serving:model", "{\"name\":\"2024-01-01\"}")
                .containsEntry("gcp:project", "2024-01-02");
    }

    @ParameterizedTest
    @CsvSource({"yes, yes", "on, on", "No, No", "true, true", "False, false"})
    void onlyYaml12BooleansAreBooleans(String written, String passed) throws IOException {
        // YAML 1.1 turns yes/on into true: protect would be switched on by a word the CLI passes as text.
        assertThat(config("config:\n  gke-gpu-serving:protect: " + written + "\n"))
                .containsEntry("gke-gpu-serving:protect", passed);
    }

    @Test
    void numbersArePassedAsTheCliPassesThem() throws IOException {
        assertThat(pool("0o17")).isEqualTo("{\"maxNodes\":15}");
        assertThat(pool("0x1F")).isEqualTo("{\"maxNodes\":31}");
        assertThat(pool("2.0")).as("Go's JSON writes a whole float as an integer").isEqualTo("{\"maxNodes\":2}");
        assertThat(pool("18446744073709551617")).as("exact, for the reader to range-check")
                .isEqualTo("{\"maxNodes\":18446744073709551617}");
        assertThat(pool("'0777'")).isEqualTo("{\"maxNodes\":\"0777\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0777", "1_000", "0b101", "-0x1F"})
    void numbersTheCliAndYaml12ReadDifferentlyAreRefused(String written) {
        assertThatThrownBy(() -> pool(written)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("Pulumi.dev.yaml line 3: config.gke-gpu-serving:gpuPool.maxNodes (" + written + ")")
                .hasMessageContaining("write it as a plain decimal, or quote it");
    }

    @Test
    void infinityIsRefusedBecauseJsonCannotCarryIt() {
        assertThatThrownBy(() -> pool(".inf")).isInstanceOf(ProjectException.class)
                .hasMessageContaining("config.gke-gpu-serving:gpuPool.maxNodes (.inf) is not a finite number");
    }

    @Test
    void binaryIsRefusedNamingTheKeyNotPrintedAsAJavaArray() {
        assertThatThrownBy(() -> config("config:\n  gke-gpu-serving:model:\n    path: !!binary bW9kZWxzL2lyaXM=\n"))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("Pulumi.dev.yaml line 3: config.gke-gpu-serving:model.path uses the tag !!binary")
                .hasMessageNotContaining("[B@");
    }

    @Test
    void aTimestampTagIsRefused() {
        assertThatThrownBy(() -> config("config:\n  gcp:project: !!timestamp 2024-01-01\n"))
                .isInstanceOf(ProjectException.class).hasMessageContaining("config.gcp:project uses the tag");
    }

    @Test
    void aDuplicateKeyIsRefusedInsteadOfTheLastOneWinning() {
        assertThatThrownBy(() -> config("""
                config:
                  gke-gpu-serving:gpuPool:
                    maxNodes: 2
                    minNodes: 0
                    maxNodes: 20
                """)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("Pulumi.dev.yaml line 5: config.gke-gpu-serving:gpuPool.maxNodes is defined twice"
                        + " (first at line 3)");
    }

    @Test
    void aDuplicateTopLevelConfigKeyIsRefused() {
        assertThatThrownBy(() -> config("config:\n  gcp:region: us-central1\n  gcp:region: europe-west4\n"))
                .isInstanceOf(ProjectException.class).hasMessageContaining("config.gcp:region is defined twice");
    }

    @Test
    void aMergeKeyIsRefused() {
        assertThatThrownBy(() -> config("base: &base\n  maxNodes: 2\nconfig:\n  gke-gpu-serving:gpuPool:\n    <<: *base\n"))
                .isInstanceOf(ProjectException.class).hasMessageContaining("merge key");
    }

    @Test
    void aliasesAndQuotedTextWork() throws IOException {
        assertThat(config("zones: &zones [us-central1-a]\nconfig:\n  gke-gpu-serving:gpuPool:\n    zones: *zones\n"
                + "    machineType: \"g2-standard-8\"\n"))
                .containsEntry("gke-gpu-serving:gpuPool", "{\"machineType\":\"g2-standard-8\",\"zones\":[\"us-central1-a\"]}");
    }

    @Test
    void objectKeysAreSortedAsGosJsonWritesThem() throws IOException {
        assertThat(config("config:\n  gke-gpu-serving:serving:\n    versionLabels: {stable: 1, canary: 2}\n"))
                .containsEntry("gke-gpu-serving:serving", "{\"versionLabels\":{\"canary\":2,\"stable\":1}}");
    }

    @Test
    void aForeignNamespaceCannotDeclareATypeOrDefaultInPulumiYaml() throws IOException {
        Files.writeString(dir.resolve("Pulumi.yaml"), """
                name: gke-gpu-servng
                runtime: java
                config:
                  gke-gpu-serving:protect:
                    type: boolean
                    default: true
                """);
        Files.writeString(dir.resolve("Pulumi.dev.yaml"), "config: {}\n");

        assertThatThrownBy(() -> StackFiles.of(dir).config("dev")).isInstanceOf(ProjectException.class)
                .hasMessageContaining("declares config key gke-gpu-serving:protect with a 'type'")
                .hasMessageContaining("the pulumi CLI refuses that")
                .hasMessageContaining("did you mean name: gke-gpu-serving?");
    }

    @Test
    void aForeignNamespaceMaySetAValue() throws IOException {
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: gke-gpu-serving\nconfig:\n  gcp:region:\n    value: us-east1\n");
        Files.writeString(dir.resolve("Pulumi.dev.yaml"), "config: {}\n");

        assertThat(StackFiles.of(dir).config("dev")).containsEntry("gcp:region", "us-east1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../x", "/tmp/x", "a/b", "..", ".", "", "dev stack"})
    void aStackNameThatIsNotOneIsRefusedBeforeAnyFileIsLookedFor(String name) throws IOException {
        Files.writeString(dir.resolve("Pulumi.yaml"), PROJECT);

        assertThatThrownBy(() -> StackFiles.of(dir).stackFile(name)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("'" + name + "' is not a stack name");
    }
}
