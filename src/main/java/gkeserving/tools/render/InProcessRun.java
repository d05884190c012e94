package gkeserving.tools.render;

import com.pulumi.Context;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import gkeserving.tools.sdk.PulumiInternals;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a Pulumi program in this process under Pulumi's mock engine, with a stack's real config.
 * Nothing leaves the machine: no CLI, no provider plugin, no cloud.
 */
public final class InProcessRun {
    /** What the run produced: the engine's result and every resource as registered, in order. */
    public record Outcome(TestResult result, List<CloudPlaceholders.Registration> registrations) {
        public boolean failed() {
            return !result.errors().isEmpty() || !result.exceptions().isEmpty();
        }
    }

    private InProcessRun() {
    }

    public static Outcome run(String project, String stack, Map<String, String> config,
                              List<ResourceTransformation> transformations, Consumer<Context> program) {
        var mocks = new CloudPlaceholders(config.getOrDefault("gcp:project", "project"),
                config.getOrDefault("gcp:region", "region"));
        var options = TestOptions.builder()
                .projectName(project)
                .stackName(stack)
                .preview(false)
                .resourceTransformations(transformations)
                .build();
        TestResult result = PulumiInternals.runWithMocks(options, mocks, config, program);
        return new Outcome(result, mocks.registrations());
    }
}
