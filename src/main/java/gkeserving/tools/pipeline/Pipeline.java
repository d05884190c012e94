package gkeserving.tools.pipeline;

import gkeserving.program.StackExport;
import com.pulumi.automation.AutomationException;
import com.pulumi.automation.DestroyOptions;
import com.pulumi.automation.OperationType;
import com.pulumi.automation.PreviewOptions;
import com.pulumi.automation.PreviewResult;
import com.pulumi.automation.RefreshOptions;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.UpResult;
import com.pulumi.automation.UpdateResult;
import com.pulumi.automation.WorkspaceStack;
import gkeserving.program.config.ImageReference;
import gkeserving.program.image.PromotionTags;
import gkeserving.tools.check.PolicyCheck;
import gkeserving.tools.project.Project;
import gkeserving.tools.project.StackFile;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment pipeline on the Automation API: preview → gate → up → smoke test, plus destroy,
 * refresh, outputs and promote. Every run ends with an exit code and a JSON report (see
 * {@link PipelineRun}), and never retries: a failed or locked update needs a person to look at it.
 */
public final class Pipeline {
    private final PipelineDeps deps;
    private final PrintStream out;
    private final PolicyCheck policy;

    /** @param policy the policy check each preview is preceded by */
    public Pipeline(PipelineDeps deps, PolicyCheck policy) {
        this.deps = deps;
        this.out = deps.out();
        this.policy = policy;
    }

    public int preview(Optional<Path> projectDir, String stack) {
        return execute("preview", stack, projectDir, List.of(stack), (run, files) -> {
            requireProgramBinary(run.project);
            PolicyStep.run(run, stack, policy, out);
            WorkspaceStack workspace = run.open(files.get(0), Optional.empty(), true);
            ChangePlan plan = preview(run, workspace, stack);
            // What `deploy` without flags would decide: shown, recorded, but a preview never fails on it.
            run.gate = decideGate(run, plan, stack, DeployFlags.NONE);
            out.println(run.gate.allowed() ? "Gate: deploy would proceed."
                    : "Gate: deploy would stop: " + String.join("; ", run.gate.reasons()));
        });
    }

    public int deploy(Optional<Path> projectDir, String stack, DeployFlags flags) {
        return execute("deploy", stack, projectDir, List.of(stack), (run, files) -> {
            requireProgramBinary(run.project);
            PolicyStep.run(run, stack, policy, out);
            deployStack(run, run.open(files.get(0), Optional.empty(), true), stack, flags);
        });
    }

    /**
     * Deploys {@code to} with the image digest that {@code from} runs, after tagging that digest (and the one
     * {@code to} runs until now) so that no registry cleanup deletes an image a stack runs.
     */
    public int promote(Optional<Path> projectDir, String from, String to, DeployFlags flags) {
        return execute("promote", to, projectDir, List.of(from, to), (run, files) -> {
            if (from.equals(to)) {
                throw PipelineException.usage("--from and --to both name stack " + from + ": promote between two stacks");
            }
            PromotionTags tags = PromotionTags.forStack(to).orElseThrow(() -> PipelineException.usage("--to " + to
                    + ": promote tags digests '" + PromotionTags.PREFIX + to + "' and '" + PromotionTags.PREFIX + to
                    + PromotionTags.PREVIOUS_SUFFIX + "', which must be Docker tags (" + PromotionTags.DOCKER_TAG_RULE
                    + "): the stack name may hold letters, digits, '_', '.' and '-', at most "
                    + PromotionTags.MAX_STACK_NAME + " characters"));
            Gcloud gcloud = deps.gcloudLocator().locate()
                    .orElseThrow(() -> PipelineException.usage(GcloudLocator.INSTALL_HINT));
            run.sourceStack = from;
            requireProgramBinary(run.project);
            PolicyStep.run(run, to, policy, out);
            ImageReference image = promotedImage(run, files.get(0));
            out.println("Promoting " + image + " from " + from + " to " + to);
            WorkspaceStack target = run.open(files.get(1), Optional.of(image.toString()), true);
            PromotionTagging tagging = new PromotionTagging(gcloud, out, to, run.promotionTags);
            tagging.protectRunning(readOutputs(target, to).text(StackExport.IMAGE_REF), tags.previous());
            tagging.tag(image, tags.current());
            deployStack(run, target, to, flags);
        });
    }

    /** The digest the source stack runs: only a digest in Artifact Registry can be promoted and kept there. */
    private ImageReference promotedImage(PipelineRun run, StackFile source) {
        String from = source.name();
        String imageRef = readOutputs(run.open(source, Optional.empty(), false), from).text(StackExport.IMAGE_REF)
                .orElseThrow(() -> PipelineException.failed("stack " + from + " has no imageRef output: deploy it first"));
        ImageReference image = ImageReference.parse(imageRef).orElseThrow(() -> PipelineException.failed("stack " + from
                + " exports imageRef '" + imageRef + "', which is not a digest reference "
                + "(<repository>@sha256:<64 hex digits>); promotion moves digests only"));
        if (image.registry().isEmpty()) {
            throw PipelineException.failed("stack " + from + " exports imageRef '" + imageRef + "', which is not in "
                    + "Artifact Registry (<location>-docker.pkg.dev/<project>/<repository>/<image>): promote keeps the "
                    + "digest it moves from cleanup with a tag in its repository, which needs Artifact Registry");
        }
        return image;
    }

    public int destroy(Optional<Path> projectDir, String stack, boolean yes) {
        return execute("destroy", stack, projectDir, List.of(stack), (run, files) -> {
            WorkspaceStack workspace = run.open(files.get(0), Optional.empty(), false);
            ChangePlan.Recorder recorder = new ChangePlan.Recorder();
            out.println("Previewing the destroy of stack " + stack + " ...");
            CliStep.run("destroy preview of stack " + stack, stack, recorder::errors,
                    () -> workspace.destroy(DestroyOptions.builder().previewOnly(true).onEvent(recorder).build()));
            ChangePlan plan = recorder.plan();
            print(ChangeSummary.planLines(plan, plan.counts()));
            run.changeSummary = ChangeSummary.asJson(plan.counts());
            run.gate = yes ? GateDecision.allow() : new GateDecision(false, List.of("destroy deletes "
                    + plan.operationCount() + " resource(s) of stack " + stack + "; re-run with --yes to confirm"));
            refuseUnlessAllowed(run.gate, "destroy of stack " + stack);
            ProgressPrinter progress = new ProgressPrinter(out, plan.operationCount());
            out.println("Destroying stack " + stack + " ...");
            CliStep.run("destroy of stack " + stack, stack, progress::errors,
                    () -> workspace.destroy(DestroyOptions.builder().onEvent(progress).build()));
            out.println("Destroy done: " + ChangeSummary.format(progress.counts()));
        });
    }

    public int refresh(Optional<Path> projectDir, String stack) {
        return execute("refresh", stack, projectDir, List.of(stack), (run, files) -> {
            WorkspaceStack workspace = run.open(files.get(0), Optional.empty(), false);
            ProgressPrinter progress = new ProgressPrinter(out, 0);
            out.println("Refreshing stack " + stack + " ...");
            UpdateResult result = CliStep.run("refresh of stack " + stack, stack, progress::errors,
                    () -> workspace.refresh(RefreshOptions.builder().onEvent(progress).build()));
            Map<OperationType, Integer> counts = progress.counts().isEmpty() && result.summary() != null
                    ? result.summary().resourceChanges() : progress.counts();
            run.changeSummary = ChangeSummary.asJson(counts);
            out.println("Refresh done: " + ChangeSummary.format(counts));
        });
    }

    public int outputs(Optional<Path> projectDir, String stack, boolean json) {
        return execute("outputs", stack, projectDir, List.of(stack), (run, files) -> {
            StackOutputs outputs = readOutputs(run.open(files.get(0), Optional.empty(), false), stack);
            run.outputs = outputs.redacted();
            if (json) {
                out.println(RunReportWriter.toJson(run.outputs));
            } else {
                print(outputs.lines());
            }
        });
    }

    // ---- the deploy sequence shared by deploy and promote ----

    private void deployStack(PipelineRun run, WorkspaceStack workspace, String stack, DeployFlags flags) {
        ChangePlan plan = preview(run, workspace, stack);
        run.gate = decideGate(run, plan, stack, flags);
        refuseUnlessAllowed(run.gate, "deployment of stack " + stack);
        out.println("Gate: passed.");

        ProgressPrinter progress = new ProgressPrinter(out, plan.operationCount());
        out.println("Updating stack " + stack + " (" + plan.operationCount() + " operation(s)) ...");
        UpResult result;
        try {
            result = CliStep.run("update of stack " + stack, stack, progress::errors,
                    () -> workspace.up(UpOptions.builder().onEvent(progress).build()));
        } finally {
            run.timeline = progress.timeline(); // a failed update's timeline shows where the time went, too
        }
        out.println("Update done: " + ChangeSummary.format(progress.counts()));
        TimelineStep.report(run, workspace, out);

        StackOutputs outputs = StackOutputs.from(result.outputs());
        run.outputs = outputs.redacted();
        print(outputs.lines());
        SmokeStep.run(run, outputs, flags.skipSmoke(), deps.smokeCheck(), out);
    }

    private static StackOutputs readOutputs(WorkspaceStack workspace, String stack) {
        return StackOutputs.from(CliStep.run("reading the outputs of stack " + stack, stack, List::of, workspace::getOutputs));
    }

    private ChangePlan preview(PipelineRun run, WorkspaceStack workspace, String stack) {
        ChangePlan.Recorder recorder = new ChangePlan.Recorder();
        out.println("Previewing stack " + stack + " ...");
        PreviewResult result = CliStep.run("preview of stack " + stack, stack, recorder::errors,
                () -> workspace.preview(PreviewOptions.builder().onEvent(recorder).build()));
        ChangePlan plan = recorder.plan();
        print(ChangeSummary.planLines(plan, result.changeSummary()));
        run.changeSummary = ChangeSummary.asJson(result.changeSummary());
        return plan;
    }

    /** The gate for {@code stack}, whose file says whether changes to it need --yes. */
    private static GateDecision decideGate(PipelineRun run, ChangePlan plan, String stack, DeployFlags flags) {
        return DeploymentGate.decide(plan, stack, run.project.requiresConfirmation(stack), flags);
    }

    private static void refuseUnlessAllowed(GateDecision gate, String what) {
        if (!gate.allowed()) {
            throw PipelineException.refused("gate refused the " + what + ": " + String.join("; ", gate.reasons()));
        }
    }

    private static void requireProgramBinary(Project project) {
        project.programBinary().filter(binary -> !Files.isRegularFile(binary)).ifPresent(binary -> {
            throw PipelineException.usage("the program jar " + binary + " (runtime.options.binary in Pulumi.yaml) "
                    + "does not exist: build it first with ./mvnw -B package");
        });
    }

    private void print(List<String> lines) {
        lines.forEach(out::println);
    }

    private int execute(String command, String stack, Optional<Path> projectDir, List<String> stacks,
                        PipelineRun.Body body) {
        return PipelineRun.execute(deps, command, stack, projectDir, stacks, body);
    }
}
