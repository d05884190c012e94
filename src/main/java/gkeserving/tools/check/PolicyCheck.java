package gkeserving.tools.check;

import com.pulumi.Context;
import gkeserving.program.App;
import gkeserving.program.image.DockerDaemon;
import gkeserving.tools.project.Project;
import gkeserving.tools.project.StackFiles;
import gkeserving.tools.render.Render;
import gkeserving.tools.render.Renderer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs a stack's program in-process exactly as {@code render} does and evaluates every policy rule on what
 * it registers, with the waivers the stack file declares. Used by {@code check} and by the pipeline before
 * it previews.
 */
public final class PolicyCheck {
    /** The program for a project directory and the stack's config keys, as {@code render} builds it. */
    private final BiFunction<Path, Set<String>, Consumer<Context>> programFor;

    /** The real program. */
    public PolicyCheck() {
        this((dir, keys) -> ctx -> App.stack(ctx, DockerDaemon.NOT_PROBED, dir, keys));
    }

    /** @param programFor the program to check (tests pass small hand-made ones) */
    public PolicyCheck(BiFunction<Path, Set<String>, Consumer<Context>> programFor) {
        this.programFor = programFor;
    }

    /**
     * @throws gkeserving.tools.project.ProjectException          unknown stack, no project
     * @throws Waivers.InvalidWaiversException                    malformed waivers
     * @throws gkeserving.tools.render.ProgramFailedException     the program failed (bad config, or a crash)
     */
    public PolicyReport run(Project project, String stack) {
        StackFiles files = project.stackFiles();
        Map<String, String> config = files.config(stack);
        List<Waiver> waivers = Waivers.from(config);
        boolean production = project.requiresConfirmation(stack);
        Render render = new Renderer(programFor.apply(files.projectDir(), config.keySet()))
                .render(files.project(), stack, config);
        return PolicyReport.evaluate(new CheckTarget(render, production), PolicyRules.all(), waivers);
    }
}
