package gkeserving.tools.pipeline;

import gkeserving.program.StackExport;
import gkeserving.program.serving.Endpoints;
import gkeserving.tools.pipeline.smoke.SmokeResult;
import gkeserving.tools.pipeline.smoke.SmokeResult.Phase;
import gkeserving.tools.project.Project;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The smoke test after an update: its inputs from the stack outputs and the project, its result for the report. */
final class SmokeStep {
    private SmokeStep() {
    }

    /** Runs the smoke test, or records that it was skipped; a test that did not pass fails the run. */
    static void run(PipelineRun run, StackOutputs outputs, boolean skip, SmokeCheck check, PrintStream out) {
        if (skip) {
            run.smoke = SmokeResult.skipped("--skip-smoke");
            out.println("Smoke test: skipped (--skip-smoke).");
            return;
        }
        run.smoke = probe(run.project, outputs, check, out);
        if (!run.smoke.passed()) {
            throw PipelineException.failed("smoke test failed in phase " + run.smoke.phase().label() + ": "
                    + run.smoke.message());
        }
        out.println("Smoke test: passed (" + run.smoke.message() + ").");
    }

    private static SmokeResult probe(Project project, StackOutputs outputs, SmokeCheck check, PrintStream out) {
        Optional<String> model = outputs.text(StackExport.MODEL_NAME);
        if (model.isEmpty()) {
            return SmokeResult.failedBefore(Phase.OUTPUTS, "the stack has no modelName output");
        }
        Optional<Endpoints> endpoints = outputs.servingEndpoints();
        if (endpoints.isEmpty()) {
            return SmokeResult.failedBefore(Phase.OUTPUTS,
                    "the restEndpoint and modelStatusUrl outputs do not both hold a URL with a host");
        }
        Path samplePath = project.sampleRequest(model.get());
        String sample;
        try {
            sample = Files.readString(samplePath);
        } catch (IOException e) {
            return SmokeResult.failedBefore(Phase.SAMPLE, "the sample request " + samplePath + " is missing or unreadable");
        }
        out.println("Smoke test: model " + model.get() + " at " + endpoints.get().modelStatus() + " ...");
        try {
            return check.check(endpoints.get(), model.get(), sample);
        } catch (RuntimeException e) {
            return SmokeResult.failedBefore(Phase.CHECK, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
