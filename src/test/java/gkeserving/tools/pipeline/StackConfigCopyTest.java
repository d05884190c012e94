package gkeserving.tools.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import gkeserving.tools.ExitCode;
import gkeserving.tools.project.StackFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackConfigCopyTest {
    private static final Path SOURCE = Path.of("stacks/Pulumi.prod.yaml");
    private static final String DIGEST = "r/serving/iris@sha256:" + "0".repeat(64);

    private static JsonNode yaml(String text) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(text);
    }

    @Test
    void addsTheDigestBesideTheImagesOtherSettingsAndKeepsEverythingElse() throws Exception {
        String copy = StackConfigCopy.withExistingDigest("""
                encryptionsalt: v1:salt
                config:
                  gcp:project: p
                  gke-gpu-serving:image:
                    repository: serving
                  gke-gpu-serving:token:
                    secure: v1:abc
                  gke-gpu-serving:gpuPool:
                    maxNodes: 3
                """, DIGEST, SOURCE);

        JsonNode tree = yaml(copy);
        assertThat(tree.path("encryptionsalt").asText()).isEqualTo("v1:salt");
        assertThat(tree.path("config").path("gcp:project").asText()).isEqualTo("p");
        assertThat(tree.path("config").path("gke-gpu-serving:image").path("repository").asText()).isEqualTo("serving");
        assertThat(tree.path("config").path("gke-gpu-serving:image").path("existingDigest").asText()).isEqualTo(DIGEST);
        assertThat(tree.path("config").path("gke-gpu-serving:token").path("secure").asText()).isEqualTo("v1:abc");
        assertThat(tree.path("config").path("gke-gpu-serving:gpuPool").path("maxNodes").isInt()).isTrue();
    }

    @Test
    void createsConfigAndImageWhenTheFileHasNeither() throws Exception {
        assertThat(yaml(StackConfigCopy.withExistingDigest("", DIGEST, SOURCE))
                .at("/config/gke-gpu-serving:image/existingDigest").asText()).isEqualTo(DIGEST);
        assertThat(yaml(StackConfigCopy.withExistingDigest("encryptionsalt: x\n", DIGEST, SOURCE))
                .at("/config/gke-gpu-serving:image/existingDigest").asText()).isEqualTo(DIGEST);
    }

    @Test
    void anImageSettingThatIsNotAMappingIsAUsageErrorNamingKeyAndFile() {
        assertThatThrownBy(() -> StackConfigCopy.withExistingDigest(
                "config:\n  gke-gpu-serving:image: iris:latest\n", DIGEST, SOURCE))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).contains("'gke-gpu-serving:image'", "stacks/Pulumi.prod.yaml", "mapping");
                });
    }

    @Test
    void invalidYamlIsAUsageErrorNamingTheFile() {
        assertThatThrownBy(() -> StackConfigCopy.withExistingDigest("config: [unclosed", DIGEST, SOURCE))
                .isInstanceOf(PipelineException.class).hasMessageContaining("stacks/Pulumi.prod.yaml is not valid YAML");
    }

    @Test
    void aCopyIsNeededOnlyOutsideTheDefaultLocationOrWhenSomethingIsAdded() {
        StackFile dev = new StackFile("dev", Path.of("Pulumi.dev.yaml"), true);
        StackFile prod = new StackFile("prod", SOURCE, false);

        assertThat(StackConfigCopy.needed(dev, Optional.empty())).isFalse();
        assertThat(StackConfigCopy.needed(dev, Optional.of(DIGEST))).isTrue();
        assertThat(StackConfigCopy.needed(prod, Optional.empty())).isTrue();
    }

    @Test
    void theCopyKeepsEveryValueAsThePulumiCliReadsIt() {
        // YAML 1.1 words (yes, on) and forms (1:20, dates) are plain text to the pulumi CLI: a copy must not turn
        // them into booleans, numbers or timestamps (the stack file itself is read strictly, see StackYamlTest).
        String stack = "config:\n  gke-gpu-serving:serving:\n    versionLabels:\n      canary: \"1\"\n"
                + "  pulumi:tags:\n    approved: yes\n    window: 1:20\n    since: 2026-01-02\n    flag: on\n";

        String copy = StackConfigCopy.withExistingDigest(stack, "r/p@sha256:" + "a".repeat(64), Path.of("Pulumi.x.yaml"));

        assertThat(copy).contains("approved: \"yes\"", "window: \"1:20\"", "since: \"2026-01-02\"", "flag: \"on\"");
    }
}
