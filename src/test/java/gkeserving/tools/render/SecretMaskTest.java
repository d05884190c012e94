package gkeserving.tools.render;

import gkeserving.tools.render.tree.FieldPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTest {
    private static final Map<String, Object> INPUTS = Map.of(
            "kubeconfig", "apiVersion: v1",
            "spec", Map.of("containers", List.of(Map.of("env", List.of(
                    Map.of("name", "TOKEN", "value", "abc"),
                    Map.of("name", "PORT", "value", "8501"))))),
            "stringData", Map.of("token", "abc", "user", "me"));

    @Test
    void masksTopLevelAndNestedPathsAndLeavesTheRest() {
        Map<String, Object> masked = SecretMask.apply(INPUTS, List.of(
                FieldPath.ROOT.field("kubeconfig"),
                FieldPath.ROOT.field("spec").field("containers").index(0).field("env").index(0).field("value")));

        assertThat(masked).containsEntry("kubeconfig", "[secret]");
        assertThat(at(masked, "spec.containers[0].env[0].value")).isEqualTo("[secret]");
        assertThat(at(masked, "spec.containers[0].env[0].name")).isEqualTo("TOKEN");
        assertThat(at(masked, "spec.containers[0].env[1].value")).isEqualTo("8501");
        assertThat(INPUTS).as("input untouched").containsEntry("kubeconfig", "apiVersion: v1");
    }

    @Test
    void aSecretMapKeepsItsKeysWithEveryValueMasked() {
        assertThat(SecretMask.apply(INPUTS, List.of(FieldPath.ROOT.field("stringData"))))
                .containsEntry("stringData", Map.of("token", "[secret]", "user", "[secret]"));
    }

    @Test
    void pathsTheEngineNeverReceivedAreIgnored() {
        assertThat(SecretMask.apply(INPUTS, List.of(FieldPath.ROOT.field("absent"),
                FieldPath.ROOT.field("spec").field("containers").index(5)))).isEqualTo(INPUTS);
    }
}
