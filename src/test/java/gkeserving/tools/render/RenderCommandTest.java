package gkeserving.tools.render;

import gkeserving.tools.CommandRun;
import com.pulumi.Context;
import gkeserving.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code render} command end to end: files written, exit codes, and what the user reads. */
class RenderCommandTest {
    @TempDir
    Path temp;

    private CommandRun renderSample(Consumer<Context> program, Path out, String... extra) {
        Path project = TestProject.sample(temp.resolve("project"));
        String[] args = Stream.concat(
                Stream.of("--stack", "test", "--out", out.toString(), "--project-dir", project.toString()),
                Stream.of(extra)).toArray(String[]::new);
        return CommandRun.of(new CommandLine(new RenderCommand(program)), args);
    }

    static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesOneFilePerKubernetesObjectInDependencyOrderAndThePlan() throws IOException {
        Path out = temp.resolve("out");
        CommandRun run = renderSample(SampleProgram::valid, out);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(files(out.resolve("k8s"))).containsExactly(
                "01-namespace-serving.yaml",
                "02-configmap-tf-serving-config.yaml",
                "03-secret-api-token.yaml",
                "04-deployment-web.yaml",
                "05-service-web.yaml",
                "06-helmrelease-nvidia-device-plugin.yaml");
        assertThat(out.resolve("plan.json")).content().startsWith("{\n  \"stack\": \"test\",\n  \"resources\": [");
        assertThat(out.resolve("k8s/04-deployment-web.yaml")).content()
                .startsWith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: serving\n")
                .contains("replicas: 2\n", "containerPort: 8501\n", "value: \"[secret]\"\n");
        assertThat(out.resolve("k8s/06-helmrelease-nvidia-device-plugin.yaml")).content().isEqualTo("""
                chart: nvidia-device-plugin
                version: 0.17.0
                repositoryOpts:
                  repo: https://nvidia.github.io/k8s-device-plugin
                name: nvidia-device-plugin
                namespace: kube-system
                values:
                  nodeSelector:
                    nvidia.com/gpu.present: "true"
                  replicas: 1
                """);
    }

    @Test
    void printsResourcesByTypeAndTheOutputs() {
        CommandRun run = renderSample(SampleProgram::valid, temp.resolve("out"));

        assertThat(run.out())
                .contains("Stack test: 8 resources, 6 Kubernetes files")
                .containsPattern("kubernetes:core/v1:Namespace +1\n")
                .containsPattern("kubeconfig +\\[secret]\n")
                .containsPattern("serviceName +web\n");
        assertThat(run.out()).doesNotContain(SampleProgram.KUBECONFIG);
    }

    @Test
    void checkPassesWhenEveryObjectAndConfigTextMatchesItsSchema() {
        CommandRun run = renderSample(SampleProgram::valid, temp.resolve("out"), "--check");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Check: 5 Kubernetes objects match their schemas");
    }

    @Test
    void checkFailsWithExitOneNamingTheFileAndFieldOfABadObject() {
        CommandRun run = renderSample(SampleProgram::badDeployment, temp.resolve("out"), "--check");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(
                "k8s/07-deployment-broken.yaml: spec.replicas: expected an integer, got string \"two\"");
        assertThat(temp.resolve("out/k8s/07-deployment-broken.yaml")).as("written for inspection").exists();
    }

    @Test
    void checkFailsOnATfServingConfigTextItsProtoRejects() {
        CommandRun run = renderSample(SampleProgram::badModelsConfig, temp.resolve("out"), "--check");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("k8s/02-configmap-tf-serving-config.yaml: data[\"models.config\"]: "
                + "not a valid TF Serving ModelServerConfig (models.config)").contains("basepath");
    }

    @Test
    void checkFailsOnABatchingParametersFileNamingTheFileAndTheMisspelledField() {
        CommandRun run = renderSample(SampleProgram::badBatchingParameters, temp.resolve("out"), "--check");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("k8s/02-configmap-tf-serving-config.yaml: data[\"batching_parameters.txt\"]: "
                + "not a valid TF Serving BatchingParameters (batching_parameters.txt)").contains("max_batch_sizes");
    }

    @Test
    void withoutCheckABadObjectIsStillRenderedAndTheExitIsZero() {
        CommandRun run = renderSample(SampleProgram::badDeployment, temp.resolve("out"));

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void anEarlierRendersFilesDoNotLinger() throws IOException {
        Path out = temp.resolve("out");
        renderSample(SampleProgram::badDeployment, out);
        assertThat(files(out.resolve("k8s"))).contains("07-deployment-broken.yaml");

        renderSample(SampleProgram::valid, out);

        assertThat(files(out.resolve("k8s"))).hasSize(6).doesNotContain("07-deployment-broken.yaml");
    }

    @Test
    void unknownStackExitsTwoListingTheStacksThatExist() {
        CommandRun run = CommandRun.of(new CommandLine(new RenderCommand()),
                "--stack", "qa", "--out", temp.resolve("out").toString(), "--project-dir", ".");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown stack 'qa'").contains("dev, prod, staging").doesNotContain("\tat ");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void invalidStackConfigExitsTwoWithTheSameMessageAsPulumiUp() throws IOException {
        Path project = temp.resolve("project");
        Files.createDirectories(project);
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        TestProject.write(project.resolve("stacks/Pulumi.broken.yaml"), Files.readString(Path.of("Pulumi.dev.yaml"))
                .replace("accelerator: nvidia-l4", "accelerator: tpu"));

        CommandRun run = CommandRun.of(new CommandLine(new RenderCommand()),
                "--stack", "broken", "--out", temp.resolve("out").toString(), "--project-dir", project.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: invalid stack configuration (1 problem):")
                .contains("gpuPool.accelerator (tpu) must be one of").doesNotContain("\tat ");
        assertThat(temp.resolve("out/plan.json")).doesNotExist();
    }

    @Test
    void aMissingProjectFileExitsTwoSayingWhatToPass() {
        CommandRun run = CommandRun.of(new CommandLine(new RenderCommand()),
                "--stack", "dev", "--out", temp.resolve("out").toString(), "--project-dir", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --project-dir " + temp.toAbsolutePath() + " has no Pulumi.yaml\n");
    }

    @Test
    void missingRequiredOptionsAreAUsageError() {
        CommandRun run = CommandRun.of(Main.commandLine(), "render", "--stack", "dev");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--out=<dir>'");
    }

    @Test
    void helpDocumentsTheCommandAndItsOptions() {
        CommandRun render = CommandRun.of(Main.commandLine(), "render", "--help");

        assertThat(render.exitCode()).isZero();
        assertThat(render.out()).contains("--stack=<env>", "--out=<dir>", "--check", "--project-dir=<dir>",
                "k8s/NN-<kind>-<name>.yaml", "plan.json", "Exit codes:");
    }

}
