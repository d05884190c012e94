package gkeserving.tools.pipeline;

import gkeserving.program.ResourceTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gkeserving.cli.Main;
import gkeserving.tools.check.PolicyCheck;
import gkeserving.program.serving.Endpoints;
import gkeserving.tools.pipeline.EngineEventsJson.Step;
import gkeserving.tools.pipeline.smoke.LatencySummary;
import gkeserving.tools.pipeline.smoke.SmokeResult;
import gkeserving.tools.pipeline.smoke.SmokeResult.Phase;
import gkeserving.tools.pipeline.smoke.SmokeResult.PhaseTiming;
import gkeserving.tools.pipeline.smoke.SmokeResult.Status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A throw-away project (Pulumi.yaml, Pulumi.dev.yaml, stacks/Pulumi.{staging,prod}.yaml, the
 * program jar, a sample request) with a fake pulumi CLI, a fake gcloud, a recording smoke check and a clock
 * that advances 1.5 s per reading, so durations in output are deterministic.
 */
final class PipelineHarness {
    static final String DIGEST = "us-central1-docker.pkg.dev/p/serving/iris@sha256:" + "ab".repeat(32);
    static final String SAMPLE_REQUEST = "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}";
    static final String STAGING_FILE = """
            encryptionsalt: v1:abc:def
            config:
              gcp:project: p-staging
              gke-gpu-serving:image:
                repository: serving
              gke-gpu-serving:apiToken:
                secure: v1:Zm9v
            """;

    /** prod asks for --yes before changes, as the shipped stacks/Pulumi.prod.yaml does. */
    static final String PROD_FILE = "config:\n  gcp:project: p-prod\n  pipeline:requireConfirmation: true\n";
    /** What the stand-in smoke check answers unless a test says otherwise. */
    static final SmokeResult SMOKE_PASSED = new SmokeResult(Status.PASSED, Phase.DONE,
            "model 'iris' version 3 is AVAILABLE and answered 2 predict calls", null, 3L,
            new LatencySummary(Duration.ofNanos(1_500_000), Duration.ofMillis(40)), 4,
            List.of(new PhaseTiming(Phase.STATUS, Duration.ofSeconds(95)), new PhaseTiming(Phase.PREDICT, Duration.ofMillis(60))),
            Duration.ofMillis(95_060));

    static final Step STACK = Step.of("same", "pulumi:pulumi:Stack", "gke-gpu-serving-dev");
    static final Step CLUSTER = Step.of("same", ResourceTypes.CLUSTER, "gke");
    static final Step GPU_POOL = Step.of("same", ResourceTypes.NODE_POOL, "gpu-pool");
    static final Step DEPLOYMENT_UPDATE = Step.of("update", ResourceTypes.DEPLOYMENT, "serving");
    static final Step HPA_CREATE = Step.of("create", ResourceTypes.HPA, "serving");

    /** A routine change: the Deployment rolls to a new image, an HPA is added, the rest is unchanged. */
    static final List<Step> ROUTINE_CHANGE = List.of(STACK, CLUSTER, GPU_POOL, DEPLOYMENT_UPDATE, HPA_CREATE);

    record SmokeCall(Endpoints endpoints, String modelName, String sampleRequestJson) {
    }

    final Path root;
    final Path home;
    final FakePulumiCli cli = new FakePulumiCli();
    final FakeGcloud gcloud = new FakeGcloud(() -> cli.calls().size());
    final Map<String, String> env = new HashMap<>(Map.of("PULUMI_CONFIG_PASSPHRASE", "test-passphrase"));
    final List<SmokeCall> smokeCalls = new ArrayList<>();
    SmokeResult smokeResult = SMOKE_PASSED;
    RuntimeException smokeThrows;
    boolean cliInstalled = true;
    boolean gcloudInstalled = true;
    /** The policy check before each preview; by default over a program that registers nothing, so it passes. */
    PolicyCheck policy = new PolicyCheck((dir, keys) -> ctx -> { });
    Path cwd;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private PipelineHarness(Path root, Path home) {
        this.root = root;
        this.home = home;
        this.cwd = root;
    }

    static PipelineHarness create(Path tempDir) {
        PipelineHarness h = new PipelineHarness(tempDir.resolve("project"), tempDir.resolve("home"));
        h.write("Pulumi.yaml", """
                name: gke-gpu-serving
                runtime:
                  name: java
                  options:
                    binary: target/gke-gpu-serving.jar
                """);
        h.write("target/gke-gpu-serving.jar", "");
        h.write("Pulumi.dev.yaml", "config:\n  gcp:project: p-dev\n");
        h.write("stacks/Pulumi.staging.yaml", STAGING_FILE);
        h.write("stacks/Pulumi.prod.yaml", PROD_FILE);
        h.write("models/iris/sample-request.json", SAMPLE_REQUEST);
        for (String stack : List.of("dev", "staging", "prod")) {
            h.cli.outputs(stack, outputs(stack), Set.of("kubeconfig"));
            h.routineChange(stack);
        }
        return h;
    }

    static Map<String, Object> outputs(String stack) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("imageRef", DIGEST);
        outputs.put("restEndpoint", "http://34.1.2.3:8501/v1/models/iris:predict");
        outputs.put("grpcEndpoint", "34.1.2.3:8500");
        outputs.put("modelStatusUrl", "http://34.1.2.3:8501/v1/models/iris");
        outputs.put("modelName", "iris");
        outputs.put("namespace", "serving");
        outputs.put("clusterName", "gke-" + stack);
        outputs.put("kubeconfig", "apiVersion: v1\nusers: [{name: admin, user: {token: s3cr3t}}]");
        return outputs;
    }

    /** Preview and update of {@code stack} both announce {@code steps}. */
    PipelineHarness plan(String stack, List<Step> steps) {
        cli.events(stack, "preview", EngineEventsJson.run(stack, true, steps));
        cli.events(stack, "up", EngineEventsJson.run(stack, false, steps));
        return this;
    }

    private void routineChange(String stack) {
        plan(stack, ROUTINE_CHANGE);
    }

    void write(String relative, String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int run(String... args) {
        PipelineDeps deps = new PipelineDeps(env, cwd, home, new TickingClock(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> cliInstalled ? Optional.of(cli) : Optional.empty(),
                () -> gcloudInstalled ? Optional.of(gcloud) : Optional.empty(),
                (endpoints, model, sample) -> {
                    smokeCalls.add(new SmokeCall(endpoints, model, sample));
                    if (smokeThrows != null) {
                        throw smokeThrows;
                    }
                    return smokeResult;
                });
        return Main.commandLine(deps, policy).execute(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Every argv, with the project path shown as <project> and the per-call event log as <event-log>. */
    List<List<String>> argvs() {
        return cli.calls().stream().map(call -> normalize(call.argv())).toList();
    }

    List<String> normalize(List<String> argv) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            boolean eventLog = i > 0 && argv.get(i - 1).equals("--event-log");
            result.add(eventLog ? "<event-log>" : argv.get(i).replace(root.toString(), "<project>"));
        }
        return result;
    }

    List<String> verbs() {
        return cli.calls().stream().map(FakePulumiCli.Call::verb).toList();
    }

    /** The run's only report, parsed. */
    JsonNode report() {
        List<Path> reports = reportFiles();
        if (reports.size() != 1) {
            throw new AssertionError("expected one report in target/pipeline, found " + reports);
        }
        try {
            return new ObjectMapper().readTree(reports.get(0).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Path> reportFiles() {
        Path dir = root.resolve("target/pipeline");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts at 2025-03-01T10:00:00Z and advances 1.5 s each time it is read. */
    static final class TickingClock extends Clock {
        private Instant now = Instant.parse("2025-03-01T10:00:00Z");

        @Override
        public synchronized Instant instant() {
            Instant current = now;
            now = now.plus(Duration.ofMillis(1500));
            return current;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
