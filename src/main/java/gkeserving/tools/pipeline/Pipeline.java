package gkeserving.tools.pipeline;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.DestroyOptions;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.OperationType;
import com.pulumi.automation.PreviewOptions;
import com.pulumi.automation.PreviewResult;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.RefreshOptions;
import com.pulumi.automation.StackNotFoundException;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.UpResult;
import com.pulumi.automation.UpdateResult;
import com.pulumi.automation.WorkspaceStack;
import gkeserving.tools.ExitCode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deployment pipeline on the Automation API: preview → gate → up → smoke test, plus destroy,
 * refresh, outputs and promote. Every run ends with an exit code and a JSON report, and never
 * retries: a failed or locked update needs a person to look at it.
 */
public final class Pipeline {
    static final String SECRETS_PROVIDER = "passphrase";

    private final PipelineDeps deps;
    private final PrintStream out;

    public Pipeline(PipelineDeps deps) {
        this.deps = deps;
        this.out = deps.out();
    }

    /** Flags of the commands that apply changes. */
    public record DeployFlags(boolean allowReplace, boolean yes, boolean skipSmoke) {
    }

    public int preview(Optional<Path> projectDir, String stack) {
        return execute("preview", stack, projectDir, List.of(stack), (run, files) -> {
            requireProgramBinary(run.layout);
            WorkspaceStack workspace = open(run, files.get(0), Optional.empty(), true);
            ChangePlan plan = preview(run, workspace, stack);
            // What `deploy` without flags would decide: shown, recorded, but a preview never fails on it.
            run.gate = DeploymentGate.decide(plan, stack, false, false);
            out.println(run.gate.allowed() ? "Gate: deploy would proceed."
                    : "Gate: deploy would stop: " + String.join("; ", run.gate.reasons()));
        });
    }

    public int deploy(Optional<Path> projectDir, String stack, DeployFlags flags) {
        return execute("deploy", stack, projectDir, List.of(stack), (run, files) -> {
            requireProgramBinary(run.layout);
            deployStack(run, files.get(0), Optional.empty(), flags);
        });
    }

    /** Deploys {@code to} with the image digest that {@code from} runs. */
    public int promote(Optional<Path> projectDir, String from, String to, DeployFlags flags) {
        return execute("promote", to, projectDir, List.of(from, to), (run, files) -> {
            if (from.equals(to)) {
                throw PipelineException.usage("--from and --to both name stack " + from + ": promote between two stacks");
            }
            run.sourceStack = from;
            requireProgramBinary(run.layout);
            WorkspaceStack source = open(run, files.get(0), Optional.empty(), false);
            StackOutputs sourceOutputs = StackOutputs.from(step("reading the outputs of stack " + from, from,
                    List::of, source::getOutputs));
            String imageRef = sourceOutputs.text("imageRef").orElseThrow(() -> PipelineException.failed(
                    "stack " + from + " has no imageRef output: deploy it first"));
            ImageDigest.requireDigestReference(imageRef, from);
            out.println("Promoting " + imageRef + " from " + from + " to " + to);
            deployStack(run, files.get(1), Optional.of(imageRef), flags);
        });
    }

    public int destroy(Optional<Path> projectDir, String stack, boolean yes) {
        return execute("destroy", stack, projectDir, List.of(stack), (run, files) -> {
            WorkspaceStack workspace = open(run, files.get(0), Optional.empty(), false);
            ChangePlan.Recorder recorder = new ChangePlan.Recorder();
            out.println("Previewing the destroy of stack " + stack + " ...");
            step("destroy preview of stack " + stack, stack, recorder::errors,
                    () -> workspace.destroy(DestroyOptions.builder().previewOnly(true).onEvent(recorder).build()));
            ChangePlan plan = recorder.plan();
            printPlan(plan, plan.counts());
            run.changeSummary = ChangeSummary.asJson(plan.counts());
            run.gate = yes ? GateDecision.allow() : new GateDecision(false, List.of("destroy deletes "
                    + plan.operationCount() + " resource(s) of stack " + stack + "; re-run with --yes to confirm"));
            refuseUnlessAllowed(run.gate, "destroy of stack " + stack);
            ProgressPrinter progress = new ProgressPrinter(out, deps.clock(), plan.operationCount());
            out.println("Destroying stack " + stack + " ...");
            step("destroy of stack " + stack, stack, progress::errors,
                    () -> workspace.destroy(DestroyOptions.builder().onEvent(progress).build()));
            out.println("Destroy done: " + ChangeSummary.format(progress.counts()));
        });
    }

    public int refresh(Optional<Path> projectDir, String stack) {
        return execute("refresh", stack, projectDir, List.of(stack), (run, files) -> {
            WorkspaceStack workspace = open(run, files.get(0), Optional.empty(), false);
            ProgressPrinter progress = new ProgressPrinter(out, deps.clock(), 0);
            out.println("Refreshing stack " + stack + " ...");
            UpdateResult result = step("refresh of stack " + stack, stack, progress::errors,
                    () -> workspace.refresh(RefreshOptions.builder().onEvent(progress).build()));
            Map<OperationType, Integer> counts = progress.counts().isEmpty() && result.summary() != null
                    ? result.summary().resourceChanges() : progress.counts();
            run.changeSummary = ChangeSummary.asJson(counts);
            out.println("Refresh done: " + ChangeSummary.format(counts));
        });
    }

    public int outputs(Optional<Path> projectDir, String stack, boolean json) {
        return execute("outputs", stack, projectDir, List.of(stack), (run, files) -> {
            WorkspaceStack workspace = open(run, files.get(0), Optional.empty(), false);
            StackOutputs outputs = StackOutputs.from(step("reading the outputs of stack " + stack, stack,
                    List::of, workspace::getOutputs));
            run.outputs = outputs.redacted();
            if (json) {
                out.println(RunReportWriter.toJson(run.outputs));
            } else {
                printOutputs(outputs);
            }
        });
    }

    // ---- the deploy sequence shared by deploy and promote ----

    private void deployStack(Run run, StackFile target, Optional<String> existingDigest, DeployFlags flags)
            throws AutomationException {
        String stack = target.name();
        WorkspaceStack workspace = open(run, target, existingDigest, true);
        ChangePlan plan = preview(run, workspace, stack);
        run.gate = DeploymentGate.decide(plan, stack, flags.allowReplace(), flags.yes());
        refuseUnlessAllowed(run.gate, "deployment of stack " + stack);
        out.println("Gate: passed.");

        ProgressPrinter progress = new ProgressPrinter(out, deps.clock(), plan.operationCount());
        out.println("Updating stack " + stack + " (" + plan.operationCount() + " operation(s)) ...");
        UpResult result = step("update of stack " + stack, stack, progress::errors,
                () -> workspace.up(UpOptions.builder().onEvent(progress).build()));
        out.println("Update done: " + ChangeSummary.format(progress.counts()));

        StackOutputs outputs = StackOutputs.from(result.outputs());
        run.outputs = outputs.redacted();
        printOutputs(outputs);
        smokeTest(run, outputs, flags.skipSmoke());
    }

    private ChangePlan preview(Run run, WorkspaceStack workspace, String stack) throws AutomationException {
        ChangePlan.Recorder recorder = new ChangePlan.Recorder();
        out.println("Previewing stack " + stack + " ...");
        PreviewResult result = step("preview of stack " + stack, stack, recorder::errors,
                () -> workspace.preview(PreviewOptions.builder().onEvent(recorder).build()));
        ChangePlan plan = recorder.plan();
        printPlan(plan, result.changeSummary());
        run.changeSummary = ChangeSummary.asJson(result.changeSummary());
        return plan;
    }

    private void smokeTest(Run run, StackOutputs outputs, boolean skip) {
        if (skip) {
            run.smoke = RunReport.SmokeReport.skipped();
            out.println("Smoke test: skipped (--skip-smoke).");
            return;
        }
        String model = outputs.text("modelName")
                .orElseThrow(() -> smokeFailure(run, "outputs", "the stack has no modelName output"));
        String baseUrl = outputs.servingBaseUrl().orElseThrow(() -> smokeFailure(run, "outputs",
                "neither the modelStatusUrl nor the restEndpoint output holds a URL with a host"));
        Path samplePath = run.layout.sampleRequest(model);
        String sample;
        try {
            sample = Files.readString(samplePath);
        } catch (IOException e) {
            throw smokeFailure(run, "sample", "the sample request " + samplePath + " is missing or unreadable");
        }
        out.println("Smoke test: model " + model + " at " + baseUrl + " ...");
        SmokeOutcome outcome;
        try {
            outcome = deps.smokeCheck().check(baseUrl, model, sample);
        } catch (RuntimeException e) {
            outcome = new SmokeOutcome(false, "check", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        run.smoke = RunReport.SmokeReport.of(outcome);
        if (!outcome.passed()) {
            throw PipelineException.failed("smoke test failed in phase " + outcome.phase() + ": " + outcome.message());
        }
        out.println("Smoke test: passed (" + outcome.message() + ").");
    }

    private static PipelineException smokeFailure(Run run, String phase, String message) {
        run.smoke = RunReport.SmokeReport.of(new SmokeOutcome(false, phase, message));
        return PipelineException.failed("smoke test failed in phase " + phase + ": " + message);
    }

    private static void refuseUnlessAllowed(GateDecision gate, String what) {
        if (!gate.allowed()) {
            throw PipelineException.refused("gate refused the " + what + ": " + String.join("; ", gate.reasons()));
        }
    }

    private static void requireProgramBinary(ProjectLayout layout) {
        layout.programBinary().filter(binary -> !Files.isRegularFile(binary)).ifPresent(binary -> {
            throw PipelineException.usage("the program jar " + binary + " (runtime.options.binary in Pulumi.yaml) "
                    + "does not exist: build it first with ./mvnw -B package");
        });
    }

    // ---- output ----

    private void printPlan(ChangePlan plan, Map<OperationType, Integer> counts) {
        // A replacement is announced as replace plus create-replacement/delete-replaced: show it once.
        plan.steps().stream()
                .filter(step -> step.changes() && step.op() != OperationType.CREATE_REPLACEMENT
                        && step.op() != OperationType.DELETE_REPLACED)
                .forEach(step -> out.println("  " + ChangeSummary.symbol(step.op()) + " " + step.type() + " "
                        + step.name() + " (" + ChangeSummary.opName(step.op()) + (step.protect() ? ", protected" : "") + ")"));
        out.println("Changes: " + ChangeSummary.format(counts));
    }

    private void printOutputs(StackOutputs outputs) {
        outputs.redacted().forEach((key, value) -> out.println("  " + key + ": "
                + (value instanceof String text ? text : RunReportWriter.toJson(value))));
    }

    // ---- run bookkeeping ----

    /** One command's body; it throws PipelineException to stop with a specific exit code. */
    @FunctionalInterface
    private interface Body {
        void run(Run run, List<StackFile> stacks) throws AutomationException;
    }

    @FunctionalInterface
    private interface CliCall<T> {
        T call() throws AutomationException;
    }

    /** The state one run accumulates for its report. */
    private static final class Run {
        final String command;
        final String stack;
        final Instant startedAt;
        final List<Path> temporaryFiles = new ArrayList<>();
        ProjectLayout layout;
        PulumiCommand cli;
        PulumiSettings settings;
        String sourceStack;
        Map<String, Integer> changeSummary;
        GateDecision gate;
        Map<String, Object> outputs;
        RunReport.SmokeReport smoke;

        Run(String command, String stack, Instant startedAt) {
            this.command = command;
            this.stack = stack;
            this.startedAt = startedAt;
        }
    }

    private int execute(String command, String stack, Optional<Path> projectDir, List<String> stacks, Body body) {
        Run run = new Run(command, stack, deps.clock().instant());
        ExitCode code = ExitCode.OK;
        String error = null;
        try {
            run.layout = ProjectLayout.locate(projectDir, deps.cwd());
            run.cli = locateCli();
            List<StackFile> files = stacks.stream().map(run.layout::requireStack).toList();
            run.settings = PulumiSettings.resolve(deps.env(), deps.home());
            body.run(run, files);
        } catch (PipelineException e) {
            code = e.exitCode();
            error = e.getMessage();
        } catch (AutomationException | RuntimeException e) {
            // Steps translate the CLI's failures; anything arriving here is a bug or an SDK surprise.
            code = ExitCode.FAILED;
            error = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            deleteTemporaryFiles(run);
        }
        if (error != null) {
            deps.err().println("error: " + error);
        }
        writeReport(run, code, error);
        return code.code();
    }

    private PulumiCommand locateCli() {
        try {
            return deps.cliLocator().locate().orElseThrow(() -> PipelineException.usage(PulumiCliLocator.INSTALL_HINT));
        } catch (AutomationException e) {
            throw PipelineException.usage("the pulumi CLI could not be used: " + e.getMessage());
        }
    }

    /**
     * Opens the stack in a LocalWorkspace on the project directory. Stacks outside the CLI's default
     * location, and promotions, get a throw-away copy of the stack file under target/pipeline/.
     */
    private WorkspaceStack open(Run run, StackFile stack, Optional<String> existingDigest, boolean createIfMissing)
            throws AutomationException {
        Optional<Path> configCopy = Optional.empty();
        if (StackConfigCopy.needed(stack, existingDigest)) {
            Path target = run.layout.pipelineDir().resolve(
                    "Pulumi." + stack.name() + "." + RunReportWriter.fileStamp(run.startedAt) + ".yaml");
            run.temporaryFiles.add(StackConfigCopy.write(stack, existingDigest,
                    run.layout.secretsStateFile(stack.name()), target));
            configCopy = Optional.of(target);
        }
        LocalWorkspaceOptions options = LocalWorkspaceOptions.builder()
                .workDir(run.layout.root())
                .pulumiCommand(new StackScopedCommand(new EventLogCommand(run.cli), stack.name(), configCopy))
                .environmentVariables(run.settings.cliEnvironment())
                .secretsProvider(SECRETS_PROVIDER)
                .build();
        // The workspace is not closed: with an explicit workDir its close() has nothing to clean up.
        return step("selecting stack " + stack.name(), stack.name(), List::of, () -> createIfMissing
                ? LocalWorkspace.createOrSelectStack(stack.name(), run.layout.root(), options)
                : LocalWorkspace.selectStack(stack.name(), run.layout.root(), options));
    }

    /** Runs one CLI-backed step, turning its failure into one sentence; never retries. */
    private <T> T step(String what, String stack, Supplier<List<String>> engineErrors, CliCall<T> call) {
        try {
            return call.call();
        } catch (AutomationException e) {
            if (causedBy(e, ConcurrentUpdateException.class)) {
                throw PipelineException.failed(CliErrors.lockedMessage(stack));
            }
            if (causedBy(e, StackNotFoundException.class)) {
                throw PipelineException.failed("stack " + stack + " has not been deployed yet (it does not exist in "
                        + "the state backend): run `deploy --stack " + stack + "` first");
            }
            List<String> errors = engineErrors.get();
            String detail = errors.isEmpty() ? CliErrors.summarize(e.getMessage())
                    : String.join("; ", errors.subList(0, Math.min(3, errors.size())));
            throw PipelineException.failed(what + " failed: " + detail);
        } catch (PipelineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw PipelineException.failed(what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void deleteTemporaryFiles(Run run) {
        for (Path file : run.temporaryFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                deps.err().println("warning: could not delete the temporary stack file " + file + ": " + e.getMessage());
            }
        }
    }

    private void writeReport(Run run, ExitCode code, String error) {
        if (run.layout == null) {
            return; // no project directory: nowhere to put it
        }
        Instant finishedAt = deps.clock().instant();
        RunReport report = new RunReport(run.command, run.stack, run.sourceStack, run.layout.root().toString(),
                run.startedAt.toString(), finishedAt.toString(),
                Duration.between(run.startedAt, finishedAt).toMillis() / 1000.0, code.code(),
                run.changeSummary, run.gate, run.outputs, run.smoke, error);
        try {
            Path file = RunReportWriter.write(run.layout.pipelineDir(), run.startedAt, report);
            deps.err().println("Report: " + file);
        } catch (IOException e) {
            deps.err().println("warning: could not write the run report to " + run.layout.pipelineDir() + ": "
                    + e.getMessage());
        }
    }
}
