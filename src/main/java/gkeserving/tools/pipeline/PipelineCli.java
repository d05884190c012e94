package gkeserving.tools.pipeline;

import gkeserving.tools.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The pipeline's command line: preview, deploy, destroy, refresh, outputs, promote.
 * {@code gkeserving.cli.Main} mounts these subcommands (see {@link #pipelineCommandLine(SmokeCheck)}).
 */
@Command(name = "gke-gpu-serving", mixinStandardHelpOptions = true,
        description = "Deploys the gke-gpu-serving Pulumi project with the Automation API: "
                + "preview, gate, update, smoke test.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:failed: preview, update, destroy, refresh or smoke test failed, or the stack is locked",
                "2:bad usage or configuration (unknown stack, no passphrase, no pulumi CLI)",
                "3:the gate refused: stateful replacement without --allow-replace, prod without --yes"},
        footerHeading = "%nEnvironment:%n",
        footer = {
                "PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE   required (passphrase secrets provider)",
                "PULUMI_BACKEND_URL   state backend (default: file://~/" + PulumiSettings.DEFAULT_STATE_DIR + ")",
                "Every run writes a JSON report to target/pipeline/<stack>-<timestamp>.json."})
public final class PipelineCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name a command: preview, deploy, destroy, refresh, outputs or promote");
    }

    /** The command line with the real environment, CLI and smoke test. */
    public static CommandLine pipelineCommandLine() {
        return pipelineCommandLine(TfServingSmokeCheck.withDefaults());
    }

    /** The command line with the real environment and CLI, probing deployments with {@code smokeCheck}. */
    public static CommandLine pipelineCommandLine(SmokeCheck smokeCheck) {
        return pipelineCommandLine(PipelineDeps.system(smokeCheck));
    }

    public static CommandLine pipelineCommandLine(PipelineDeps deps) {
        Pipeline pipeline = new Pipeline(deps);
        CommandLine commandLine = new CommandLine(new PipelineCli())
                .addSubcommand(new PreviewCommand(pipeline))
                .addSubcommand(new DeployCommand(pipeline))
                .addSubcommand(new DestroyCommand(pipeline))
                .addSubcommand(new RefreshCommand(pipeline))
                .addSubcommand(new OutputsCommand(pipeline))
                .addSubcommand(new PromoteCommand(pipeline));
        // Set after the subcommands are added: picocli applies these to the hierarchy as it is now.
        commandLine.setOut(new PrintWriter(deps.out(), true));
        commandLine.setErr(new PrintWriter(deps.err(), true));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return ExitCode.FAILED.code();
        });
        return commandLine;
    }

    public static int run(String... args) {
        return pipelineCommandLine().execute(args);
    }

    public static int run(SmokeCheck smokeCheck, String... args) {
        return pipelineCommandLine(smokeCheck).execute(args);
    }

    /** What every pipeline command has: the pipeline it drives and --project-dir (picocli reads inherited options). */
    abstract static class PipelineCommand implements Callable<Integer> {
        final Pipeline pipeline;
        @Mixin
        ProjectOption project;

        PipelineCommand(Pipeline pipeline) {
            this.pipeline = pipeline;
        }
    }

    /** --project-dir, shared by every command. */
    static final class ProjectOption {
        @Option(names = "--project-dir", paramLabel = "DIR",
                description = "Project root (default: the nearest directory upwards from here with a Pulumi.yaml).")
        Path projectDir;

        Optional<Path> value() {
            return Optional.ofNullable(projectDir);
        }
    }

    /** --stack, for every command that works on one stack. */
    static final class StackOption {
        @Option(names = "--stack", required = true, paramLabel = "STACK",
                description = "Stack name: dev, staging, prod (Pulumi.<STACK>.yaml at the project root or under stacks/).")
        String name;
    }

    /** The options of commands that apply changes. */
    static final class ApplyOptions {
        @Option(names = "--allow-replace",
                description = "Allow replacing or deleting stateful or protected resources "
                        + "(GKE cluster, node pools, Artifact Registry repository).")
        boolean allowReplace;

        @Option(names = "--yes", description = "Confirm applying changes to the prod stack.")
        boolean yes;

        @Option(names = "--skip-smoke", description = "Do not run the smoke test after the update.")
        boolean skipSmoke;

        Pipeline.DeployFlags flags() {
            return new Pipeline.DeployFlags(allowReplace, yes, skipSmoke);
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Show what a deploy would change, and what the gate would decide. Changes nothing.")
    static final class PreviewCommand extends PipelineCommand {
        @Mixin
        StackOption stack;

        PreviewCommand(Pipeline pipeline) {
            super(pipeline);
        }

        @Override
        public Integer call() {
            return pipeline.preview(project.value(), stack.name);
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = {"Preview, gate, update, then smoke-test the endpoint.",
                    "The gate stops (exit 3) before replacing or deleting a stateful or protected resource "
                            + "unless --allow-replace, and before touching prod unless --yes."})
    static final class DeployCommand extends PipelineCommand {
        @Mixin
        ApplyOptions apply;
        @Mixin
        StackOption stack;

        DeployCommand(Pipeline pipeline) {
            super(pipeline);
        }

        @Override
        public Integer call() {
            return pipeline.deploy(project.value(), stack.name, apply.flags());
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = {"Deploy the image digest that one stack runs (its imageRef output) to another stack.",
                    "The target stack's file is not edited: image.existingDigest goes into a temporary copy."})
    static final class PromoteCommand extends PipelineCommand {
        @Mixin
        ApplyOptions apply;
        @Option(names = "--from", required = true, paramLabel = "STACK", description = "Source stack, e.g. staging.")
        String from;
        @Option(names = "--to", required = true, paramLabel = "STACK", description = "Target stack, e.g. prod.")
        String to;

        PromoteCommand(Pipeline pipeline) {
            super(pipeline);
        }

        @Override
        public Integer call() {
            return pipeline.promote(project.value(), from, to, apply.flags());
        }
    }

    @Command(name = "destroy", mixinStandardHelpOptions = true,
            description = "Preview the destroy, then delete every resource of the stack; needs --yes.")
    static final class DestroyCommand extends PipelineCommand {
        @Mixin
        StackOption stack;
        @Option(names = "--yes", description = "Confirm the destroy (without it: preview only, exit 3).")
        boolean yes;

        DestroyCommand(Pipeline pipeline) {
            super(pipeline);
        }

        @Override
        public Integer call() {
            return pipeline.destroy(project.value(), stack.name, yes);
        }
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = "Update the stack's state from what exists in the cloud.")
    static final class RefreshCommand extends PipelineCommand {
        @Mixin
        StackOption stack;

        RefreshCommand(Pipeline pipeline) {
            super(pipeline);
        }

        @Override
        public Integer call() {
            return pipeline.refresh(project.value(), stack.name);
        }
    }

    @Command(name = "outputs", mixinStandardHelpOptions = true,
            description = "Print the stack's outputs; secrets show as [secret].")
    static final class OutputsCommand extends PipelineCommand {
        @Mixin
        StackOption stack;
        @Option(names = "--json", description = "Print one JSON object instead of key: value lines.")
        boolean json;

        OutputsCommand(Pipeline pipeline) {
            super(pipeline);
        }

        @Override
        public Integer call() {
            return pipeline.outputs(project.value(), stack.name, json);
        }
    }
}
