package gkeserving.tools.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StackScopedCommandTest {
    private static final Optional<Path> COPY = Optional.of(Path.of("/p/target/pipeline/Pulumi.prod.x.yaml"));

    @Test
    void updateVerbsGetTheStackAndTheConfigFile() {
        for (String verb : List.of("preview", "up", "refresh", "destroy")) {
            assertThat(StackScopedCommand.scoped(List.of(verb, "--exec-kind", "auto.local"), "prod", COPY))
                    .containsExactly(verb, "--exec-kind", "auto.local", "--stack", "prod",
                            "--config-file", "/p/target/pipeline/Pulumi.prod.x.yaml");
        }
    }

    @Test
    void historyGetsTheStackButNoConfigFile() {
        assertThat(StackScopedCommand.scoped(List.of("stack", "history", "--json"), "prod", COPY))
                .containsExactly("stack", "history", "--json", "--stack", "prod");
    }

    @Test
    void commandsThatAlreadyNameTheStackOrTakeItPositionallyAreLeftAlone() {
        assertThat(StackScopedCommand.scoped(List.of("stack", "select", "--stack", "prod"), "prod", COPY))
                .containsExactly("stack", "select", "--stack", "prod");
        assertThat(StackScopedCommand.scoped(List.of("stack", "init", "prod"), "prod", COPY))
                .containsExactly("stack", "init", "prod");
        assertThat(StackScopedCommand.scoped(List.of("up", "--stack", "prod"), "prod", Optional.empty()))
                .containsExactly("up", "--stack", "prod");
    }

    @Test
    void theStateIsExportedWithItsSecretsEncrypted() {
        // LocalWorkspace.exportStack always asks for --show-secrets; the pipeline needs the dependency graph only.
        assertThat(StackScopedCommand.scoped(List.of("stack", "export", "--stack", "prod", "--show-secrets"), "prod", COPY))
                .containsExactly("stack", "export", "--stack", "prod");
    }
}
