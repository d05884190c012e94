package gkeserving.tools.pipeline;

import gkeserving.tools.check.PolicyCheck;
import gkeserving.tools.check.PolicyReport;
import gkeserving.tools.check.Waivers;
import gkeserving.tools.render.ProgramFailedException;

import java.io.PrintStream;

/**
 * The policy check before a preview: the stack's program runs in-process as {@code check} runs it, and a
 * violated rule stops the run (exit 1) before the pulumi CLI is asked for anything.
 */
final class PolicyStep {
    private PolicyStep() {
    }

    static void run(PipelineRun run, String stack, PolicyCheck check, PrintStream out) {
        out.println("Checking stack " + stack + " against the policy ...");
        PolicyReport report;
        try {
            report = check.run(run.project, stack);
        } catch (Waivers.InvalidWaiversException e) {
            throw PipelineException.usage(e.getMessage());
        } catch (ProgramFailedException e) {
            String message = "the policy check could not run the program for stack " + stack + ": "
                    + String.join("; ", e.messages());
            throw e.crashed() ? PipelineException.failed(message) : PipelineException.usage(message);
        }
        run.policy = report.summary();
        report.failureLines().forEach(out::println);
        if (!report.clean()) {
            throw PipelineException.failed("policy check of stack " + stack + ": " + report.violatedRules().size()
                    + " rule(s) violated (" + String.join(", ", report.violatedRules()) + "); fix the stack, or waive a "
                    + "finding with a reason in " + Waivers.KEY + " (java -jar target/gke-gpu-serving.jar check --stack "
                    + stack + " shows every rule)");
        }
    }
}
