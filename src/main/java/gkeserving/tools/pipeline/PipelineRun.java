package gkeserving.tools.pipeline;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.WorkspaceStack;
import gkeserving.tools.ExitCode;
import gkeserving.tools.check.PolicySummary;
import gkeserving.tools.pipeline.smoke.SmokeResult;
import gkeserving.tools.project.Project;
import gkeserving.tools.project.ProjectException;
import gkeserving.tools.project.StackFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One command's run: the project, CLI and settings it works with, what it learns for its report, and the
 * temporary files it must delete. {@link #execute} turns the command's outcome into an exit code, at most
 * one error line and the JSON report.
 */
final class PipelineRun {
    static final String SECRETS_PROVIDER = "passphrase";

    final String command;
    final String stack;
    final Instant startedAt;
    private final List<Path> temporaryFiles = new ArrayList<>();
    Project project;
    /** Set once every named stack is known to exist: only then is there a report, named after the stack. */
    private boolean stacksFound;
    private PulumiCommand cli;
    private PulumiSettings settings;
    String sourceStack;
    /** promote's tag steps, in order, failed and skipped ones included. */
    final List<PromotionTagStep> promotionTags = new ArrayList<>();
    Map<String, Integer> changeSummary;
    GateDecision gate;
    Map<String, Object> outputs;
    SmokeResult smoke;
    List<TimedOperation> timeline;
    List<TimedOperation> criticalPath;
    PolicySummary policy;

    /** One command's body; it throws PipelineException to stop with a specific exit code. */
    @FunctionalInterface
    interface Body {
        void run(PipelineRun run, List<StackFile> stacks);
    }

    private PipelineRun(String command, String stack, Instant startedAt) {
        this.command = command;
        this.stack = stack;
        this.startedAt = startedAt;
    }

    /**
     * Finds the project, the named stacks' files, the CLI and the CLI settings, in that order, then runs
     * {@code body}; always returns an exit code, and writes the report once the project and stacks are known.
     */
    static int execute(PipelineDeps deps, String command, String stack, Optional<Path> projectDir,
                       List<String> stacks, Body body) {
        PipelineRun run = new PipelineRun(command, stack, deps.clock().instant());
        ExitCode code = ExitCode.OK;
        String error = null;
        try {
            run.project = Project.locate(projectDir, deps.cwd());
            List<StackFile> files = stacks.stream().map(run.project::stack).toList();
            run.stacksFound = true;
            run.cli = locateCli(deps.cliLocator());
            run.settings = PulumiSettings.resolve(deps.env(), deps.home(), run.project.root());
            body.run(run, files);
        } catch (PipelineException e) {
            code = e.exitCode();
            error = e.getMessage();
        } catch (ProjectException e) {
            code = ExitCode.USAGE;
            error = e.getMessage();
        } catch (RuntimeException e) {
            // Steps translate the CLI's failures; anything arriving here is a bug or an SDK surprise.
            code = ExitCode.FAILED;
            error = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            run.deleteTemporaryFiles(deps);
        }
        if (error != null) {
            deps.err().println("error: " + error);
        }
        run.writeReport(deps, code, error);
        return code.code();
    }

    private static PulumiCommand locateCli(PulumiCliLocator locator) {
        try {
            return locator.locate().orElseThrow(() -> PipelineException.usage(PulumiCliLocator.INSTALL_HINT));
        } catch (AutomationException e) {
            throw PipelineException.usage("the pulumi CLI could not be used: " + e.getMessage());
        }
    }

    /**
     * Opens the stack in a LocalWorkspace on the project directory. Stacks outside the CLI's default
     * location, and promotions, get a throw-away copy of the stack file under target/pipeline/.
     */
    WorkspaceStack open(StackFile stack, Optional<String> existingDigest, boolean createIfMissing) {
        Optional<Path> configCopy = Optional.empty();
        if (StackConfigCopy.needed(stack, existingDigest)) {
            Path target = project.pipelineDir().resolve(
                    "Pulumi." + stack.name() + "." + RunReportWriter.fileStamp(startedAt) + ".yaml");
            temporaryFiles.add(StackConfigCopy.write(stack, existingDigest,
                    project.secretsStateFile(stack.name()), target));
            configCopy = Optional.of(target);
        }
        LocalWorkspaceOptions options = LocalWorkspaceOptions.builder()
                .workDir(project.root())
                .pulumiCommand(new StackScopedCommand(new EventLogCommand(cli), stack.name(), configCopy))
                .environmentVariables(settings.cliEnvironment())
                .secretsProvider(SECRETS_PROVIDER)
                .build();
        // The workspace is not closed: with an explicit workDir its close() has nothing to clean up.
        return CliStep.run("selecting stack " + stack.name(), stack.name(), List::of, () -> createIfMissing
                ? LocalWorkspace.createOrSelectStack(stack.name(), project.root(), options)
                : LocalWorkspace.selectStack(stack.name(), project.root(), options));
    }

    private void deleteTemporaryFiles(PipelineDeps deps) {
        for (Path file : temporaryFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                deps.err().println("warning: could not delete the temporary stack file " + file + ": " + e.getMessage());
            }
        }
    }

    private void writeReport(PipelineDeps deps, ExitCode code, String error) {
        if (project == null || !stacksFound) {
            return; // no project directory, or a stack that does not exist: nowhere to put it, nothing to name it by
        }
        Instant finishedAt = deps.clock().instant();
        RunReport report = new RunReport(command, stack, sourceStack,
                promotionTags.isEmpty() ? null : List.copyOf(promotionTags), project.root().toString(),
                startedAt.toString(), finishedAt.toString(),
                Duration.between(startedAt, finishedAt).toMillis() / 1000.0, code.code(),
                changeSummary, gate, outputs, smoke, timeline, criticalPath, error, policy);
        try {
            Path file = RunReportWriter.write(project.pipelineDir(), startedAt, report);
            deps.err().println("Report: " + file);
        } catch (IOException e) {
            deps.err().println("warning: could not write the run report to " + project.pipelineDir() + ": "
                    + e.getMessage());
        }
    }
}
