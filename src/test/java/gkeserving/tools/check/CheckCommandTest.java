package gkeserving.tools.check;

import gkeserving.tools.CommandRun;
import com.pulumi.Context;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import gkeserving.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check} end to end: what it prints, its exit codes, and the waivers it accepts or refuses. */
class CheckCommandTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyShippedStackPassesPrintingEveryRuleWithItsSource(String stack) {
        CommandRun run = CommandRun.of(Main.commandLine(), "check", "--stack", stack);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        long ruleLines = run.out().lines().filter(l -> l.matches("(PASS|WAIVED) +[a-z-]+: .+ \\[.+]")).count();
        assertThat(ruleLines).isEqualTo(PolicyRules.all().size()).isGreaterThanOrEqualTo(20);
        assertThat(run.out()).contains("[CIS GKE Benchmark 1.5.0 5.3.1", "kube-score", "Polaris",
                "Policy check of stack " + stack + ": " + PolicyRules.all().size() + " rules, 0 violated");
        assertThat(run.out()).doesNotContain("FAIL");
    }

    @Test
    void devWaivesOnlyTheDocumentedExceptions() {
        CommandRun run = CommandRun.of(Main.commandLine(), "check", "--stack", "dev");
        assertThat(run.out().lines().filter(l -> l.startsWith("  WAIVED")))
                .allMatch(l -> l.contains(" nvidia-driver-installer ") || l.contains(" gke-cluster databaseEncryption"))
                .allMatch(l -> l.contains("(waived: "));
        assertThat(run.out()).doesNotContain("covers no failure");
    }

    /** A project whose only resource is a Deployment with a tagged image and nothing else set. */
    private Path project(String stackFile) throws IOException {
        Path dir = temp.resolve("project");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: sample\nruntime: java\n");
        Files.writeString(dir.resolve("Pulumi.test.yaml"), stackFile);
        return dir;
    }

    static void taggedDeployment(Context ctx) {
        new Deployment("web", DeploymentArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("web").namespace("default").build())
                .spec(DeploymentSpecArgs.builder()
                        .selector(LabelSelectorArgs.builder().matchLabels(java.util.Map.of("app", "web")).build())
                        .template(PodTemplateSpecArgs.builder()
                        .spec(PodSpecArgs.builder().containers(ContainerArgs.builder().name("web").image("nginx:1.27").build()).build())
                        .build()).build())
                .build());
    }

    private CommandRun check(Consumer<Context> program, String stackFile) throws IOException {
        Path dir = project(stackFile);
        var command = new CommandLine(new CheckCommand(new PolicyCheck((d, keys) -> program)));
        return CommandRun.of(command, "--stack", "test", "--project-dir", dir.toString());
    }

    @Test
    void aViolationExitsOneNamingRuleResourceAndField() throws IOException {
        CommandRun run = check(CheckCommandTest::taggedDeployment, "config: {}\n");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).as(run.err()).contains("FAIL   image-digest: every image is referenced by digest [")
                .contains("  FAIL   web spec.template.spec.containers[0].image = nginx:1.27")
                .contains("violated (image-digest, resources, run-as-non-root");
    }

    @Test
    void aWaiverWithAReasonTurnsThatFailureIntoWaived() throws IOException {
        CommandRun run = check(CheckCommandTest::taggedDeployment, """
                config:
                  policy:waivers:
                    - {rule: image-digest, resource: web, reason: "the upstream chart pins tags only"}
                """);

        assertThat(run.out()).contains("WAIVED image-digest:")
                .contains("  WAIVED web spec.template.spec.containers[0].image = nginx:1.27 (waived: the upstream chart pins tags only)")
                .doesNotContain("violated (image-digest");
    }

    @Test
    void aWaiverWithoutAReasonIsBadUsage() throws IOException {
        CommandRun run = check(CheckCommandTest::taggedDeployment, """
                config:
                  policy:waivers:
                    - {rule: image-digest, resource: web}
                """);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("policy:waivers[0].reason is missing: a waiver needs a written reason");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aWaiverOfAnUnknownRuleIsBadUsageListingTheRules() throws IOException {
        CommandRun run = check(ctx -> { }, """
                config:
                  policy:waivers:
                    - {rule: image-digests, resource: web, reason: typo}
                """);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("policy:waivers[0].rule (image-digests) is not a policy rule; rules: node-service-account,");
    }

    @Test
    void aWaiverThatCoversNothingIsReported() throws IOException {
        CommandRun run = check(ctx -> { }, """
                config:
                  policy:waivers:
                    - {rule: probes, resource: web, reason: "nothing to probe"}
                """);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("note: waiver of probes for web covers no failure; remove it");
    }

    @Test
    void anUnknownStackIsBadUsage() throws IOException {
        CommandRun run = CommandRun.of(new CommandLine(new CheckCommand(new PolicyCheck((d, k) -> ctx -> { }))),
                "--stack", "nope", "--project-dir", project("config: {}\n").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown stack 'nope'");
    }

    @Test
    void invalidStackConfigIsBadUsage() {
        CommandRun run = CommandRun.of(Main.commandLine(), "check", "--stack", "dev", "--project-dir", ".");
        assertThat(run.exitCode()).isZero();
        CommandRun bad = CommandRun.of(new CommandLine(new CheckCommand(new PolicyCheck((d, k) -> ctx -> ctx.log().error("gpuPool.maxNodes (x) is bad")))),
                "--stack", "dev");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("error: gpuPool.maxNodes (x) is bad");
    }

    @Test
    void helpDocumentsWaiversAndExitCodes() {
        CommandRun run = CommandRun.of(Main.commandLine(), "check", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("policy:waivers", "--stack", "--project-dir", "Exit codes:",
                "1   a rule is violated", "2   bad usage");
        assertThat(CommandRun.of(Main.commandLine(), "--help").out()).contains("check    Check what a stack will create");
    }
}
