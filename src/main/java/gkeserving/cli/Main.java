package gkeserving.cli;

import gkeserving.cli.PipelineOptions.ApplyOptions;
import gkeserving.cli.PipelineOptions.DestroyConfirmation;
import gkeserving.cli.PipelineOptions.JsonOption;
import gkeserving.cli.PipelineOptions.ProjectOption;
import gkeserving.cli.PipelineOptions.PromotionStacks;
import gkeserving.cli.PipelineOptions.StackOption;
import gkeserving.program.App;
import gkeserving.tools.ExitCode;
import gkeserving.tools.pipeline.Pipeline;
import gkeserving.tools.pipeline.PipelineDeps;
import gkeserving.tools.pipeline.PulumiSettings;
import gkeserving.tools.pipeline.smoke.SmokeTest;
import gkeserving.tools.check.CheckCommand;
import gkeserving.tools.check.PolicyCheck;
import gkeserving.tools.render.RenderCommand;
import gkeserving.tools.sdk.PulumiInternals;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * Entry point of the jar. Without arguments it is the Pulumi program the language host runs for
 * {@code pulumi preview/up}; with a command word it runs {@code render} or one of the pipeline's commands,
 * which are this root command's methods.
 */
@Command(name = "gke-gpu-serving",
        description = {
                "TF Serving on an autoscaled GKE GPU node pool.",
                "Without arguments this jar is the Pulumi program that `pulumi up` runs.",
                "Its commands render a stack offline, and deploy with the Automation API: "
                        + "preview, gate, update, smoke test."},
        subcommands = {RenderCommand.class, CheckCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:failed: preview, update, destroy, refresh, smoke test or render --check failed, "
                        + "a policy rule is violated (check, and before every preview), or the stack is locked",
                "2:bad usage or configuration (unknown stack, no passphrase, no pulumi CLI, no gcloud for promote)",
                "3:the gate refused: stateful replacement without --allow-replace, "
                        + "or a stack with pipeline:requireConfirmation (prod) without --yes"},
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE",
                "      required: the stacks use the passphrase secrets provider",
                "  PULUMI_BACKEND_URL",
                "      state backend (default: file://~/" + PulumiSettings.DEFAULT_STATE_DIR + ")",
                "%nEvery pipeline run writes a JSON report (secrets as [secret]) to",
                "target/pipeline/<stack>-<timestamp>.json."})
public final class Main implements Runnable {
    /** Set by the pulumi language host for the program: the address of the engine's resource monitor. */
    static final String ENGINE_ENV = "PULUMI_MONITOR";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final Pipeline pipeline;

    private Main(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            if (System.getenv(ENGINE_ENV) == null) {
                // Started by hand rather than by `pulumi`: say what the jar is instead of the SDK's stack trace.
                System.err.println("error: without arguments this jar is the Pulumi program and runs under the pulumi CLI"
                        + " (`pulumi preview`, `pulumi up`); for the commands it offers, run it with --help");
                exit(ExitCode.USAGE.code());
            }
            int code = App.run();
            PulumiInternals.stopEngineConnectionThreads();
            exit(code);
        }
        exit(commandLine().execute(args));
    }

    /**
     * Ends the process once everything is written. The JVM's exit waits up to 300 ms for any thread sitting in
     * native code (a selector in epoll), daemon or not, so the commands start none they do not need.
     */
    private static void exit(int code) {
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * The command line wired to the real environment, pulumi CLI and TF Serving smoke test. The smoke test's
     * HTTP client is built when a smoke test runs: building it costs ~500 classes, and its selector thread the
     * exit's wait, in every other command.
     */
    public static CommandLine commandLine() {
        return commandLine(PipelineDeps.system(
                (endpoints, modelName, sample) -> SmokeTest.withDefaults().run(endpoints, modelName, sample)));
    }

    /** The command line with the pipeline's outside world (and the output streams) taken from {@code deps}. */
    public static CommandLine commandLine(PipelineDeps deps) {
        return commandLine(deps, new PolicyCheck());
    }

    /** ... and the policy check the pipeline runs before each preview taken from {@code policy}. */
    public static CommandLine commandLine(PipelineDeps deps, PolicyCheck policy) {
        CommandLine root = new CommandLine(new Main(new Pipeline(deps, policy)));
        // Set once every subcommand is known: picocli applies these to the hierarchy as it is now.
        root.setOut(new PrintWriter(deps.out(), true));
        root.setErr(new PrintWriter(deps.err(), true));
        root.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return ExitCode.FAILED.code();
        });
        return root;
    }

    /** Options but no command: say which commands there are. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    // ---- the pipeline's commands ----

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Show what a deploy would change, and what the gate would decide. Changes nothing.")
    int preview(@Mixin ProjectOption project, @Mixin StackOption stack) {
        return pipeline.preview(project.value(), stack.name);
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = {"Preview, gate, update, then smoke-test the endpoint.",
                    "The gate stops (exit 3) before replacing or deleting a stateful or protected resource "
                            + "unless --allow-replace, and before changing a stack whose file sets "
                            + "pipeline:requireConfirmation (prod) unless --yes."})
    int deploy(@Mixin ProjectOption project, @Mixin StackOption stack, @Mixin ApplyOptions apply) {
        return pipeline.deploy(project.value(), stack.name, apply.flags());
    }

    @Command(name = "destroy", mixinStandardHelpOptions = true,
            description = "Preview the destroy, then delete every resource of the stack; needs --yes.")
    int destroy(@Mixin ProjectOption project, @Mixin StackOption stack, @Mixin DestroyConfirmation confirmation) {
        return pipeline.destroy(project.value(), stack.name, confirmation.yes);
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = "Update the stack's state from what exists in the cloud.")
    int refresh(@Mixin ProjectOption project, @Mixin StackOption stack) {
        return pipeline.refresh(project.value(), stack.name);
    }

    @Command(name = "outputs", mixinStandardHelpOptions = true,
            description = "Print the stack's outputs; secrets show as [secret].")
    int outputs(@Mixin ProjectOption project, @Mixin StackOption stack, @Mixin JsonOption format) {
        return pipeline.outputs(project.value(), stack.name, format.json);
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = {"Deploy the image digest that one stack runs (its imageRef output) to another stack.",
                    "First it tags that digest promoted-<to> in its Artifact Registry repository (and the digest <to> "
                            + "ran so far promoted-<to>-previous) with gcloud, so that no cleanup policy deletes them.",
                    "The target stack's file is not edited: image.existingDigest goes into a temporary copy."})
    int promote(@Mixin ProjectOption project, @Mixin PromotionStacks stacks, @Mixin ApplyOptions apply) {
        return pipeline.promote(project.value(), stacks.from, stacks.to, apply.flags());
    }
}
