package gkeserving.tools.pipeline;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.WorkspaceStack;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** After an update: its critical path and longest operations, printed and recorded in the report. */
final class TimelineStep {
    private TimelineStep() {
    }

    /**
     * Reads the stack's dependency graph from its state ({@code pulumi stack export}, see {@link CriticalPath}) and
     * prints the chain; an unreadable graph costs the chain only, never the deployment.
     */
    static void report(PipelineRun run, WorkspaceStack workspace, PrintStream out) {
        List<TimedOperation> timeline = run.timeline == null ? List.of() : run.timeline;
        if (CriticalPath.longest(timeline, 1).isEmpty()) {
            return; // nothing changed: no chain to show, no export needed
        }
        Map<String, Set<String>> graph = Map.of();
        String unknown = null;
        try {
            graph = CriticalPath.waitsFor(workspace.exportStack());
        } catch (AutomationException | RuntimeException e) {
            unknown = "the stack's dependency graph could not be read: " + CliErrors.summarize(e.getMessage());
        }
        run.criticalPath = unknown == null ? CriticalPath.chain(timeline, graph) : List.of();
        CriticalPath.lines(timeline, run.criticalPath, unknown).forEach(out::println);
    }
}
