package gkeserving.cli;

import gkeserving.program.App;
import gkeserving.tools.pipeline.PipelineCli;
import gkeserving.tools.render.RenderCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Entry point of the jar. Without arguments it is the Pulumi program the language host runs for
 * {@code pulumi preview/up}; with a command word it runs one of the offline or pipeline tools.
 */
@Command(name = "gke-gpu-serving",
        description = {
                "TF Serving on an autoscaled GKE GPU node pool.",
                "Without arguments this jar is the Pulumi program that `pulumi up` runs."},
        // The pipeline's commands (preview, deploy, destroy, refresh, outputs, promote) join in commandLine().
        subcommands = {RenderCommand.class})
public final class Main implements Runnable {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        if (args.length == 0) {
            if (System.getenv(ENGINE_ENV) == null) {
                // Started by hand rather than by `pulumi`: say what the jar is instead of the SDK's stack trace.
                System.err.println("error: without arguments this jar is the Pulumi program and runs under the pulumi CLI"
                        + " (`pulumi preview`, `pulumi up`); for the commands it offers, run it with --help");
                System.exit(2);
            }
            App.main(args);
            return;
        }
        System.exit(run(args));
    }

    /** Set by the pulumi language host for the program: the address of the engine's resource monitor. */
    static final String ENGINE_ENV = "PULUMI_MONITOR";

    /** Runs one command line and returns its exit code (0 ok, 1 failure, 2 bad usage or input). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine root = new CommandLine(new Main());
        // They come wired to the real pulumi CLI, the environment and the TF Serving smoke test.
        PipelineCli.pipelineCommandLine().getSubcommands().forEach(root::addSubcommand);
        root.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        });
        return root;
    }

    /** Options but no command: say which commands there are. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
