package gkeserving.tools.check;

import gkeserving.tools.ExitCode;
import gkeserving.tools.project.ProjectDirOption;
import gkeserving.tools.project.ProjectException;
import gkeserving.tools.render.ProgramFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code check}: a stack against the hardening policy, offline. */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Check what a stack will create against the hardening policy, offline.",
        description = {
                "Runs the Pulumi program in-process for one stack, as render does, and",
                "evaluates every policy rule (CIS GKE Benchmark, GKE's hardening guide,",
                "Pod Security Standards, Polaris, kube-score) on what it registers.",
                "Prints PASS/FAIL/WAIVED per rule with its source, and per finding the",
                "resource (its name in plan.json), the field and the value.",
                "A stack file may waive a rule for one resource, with a written reason:",
                "  policy:waivers:",
                "    - {rule: <id>, resource: <name>, reason: <why it is accepted>}"},
        exitCodeList = {
                "0:every rule passed (or its failures are waived)",
                "1:a rule is violated, or the program failed",
                "2:bad usage, unknown stack, invalid stack configuration or invalid waivers"},
        exitCodeListHeading = "%nExit codes:%n")
public final class CheckCommand implements Callable<Integer> {
    @Mixin
    private ProjectDirOption project;

    @Option(names = "--stack", required = true, paramLabel = "<env>",
            description = "Stack to check: Pulumi.<env>.yaml at the project root or under stacks/.")
    private String stack;

    @Spec
    private CommandSpec spec;

    private final PolicyCheck check;

    public CheckCommand() {
        this(new PolicyCheck());
    }

    public CheckCommand(PolicyCheck check) {
        this.check = check;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PolicyReport report = check.run(project.locate(), stack);
            report.lines().forEach(out::println);
            return (report.clean() ? ExitCode.OK : ExitCode.FAILED).code();
        } catch (ProjectException | Waivers.InvalidWaiversException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE.code();
        } catch (ProgramFailedException e) {
            e.messages().forEach(message -> err.println("error: " + message));
            return (e.crashed() ? ExitCode.FAILED : ExitCode.USAGE).code();
        } finally {
            out.flush();
            err.flush();
        }
    }
}
