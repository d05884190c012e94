package gkeserving.tools.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Everything the pipeline takes from the outside world, so tests can replace each piece. */
public record PipelineDeps(
        Map<String, String> env,
        Path cwd,
        Path home,
        Clock clock,
        PrintStream out,
        PrintStream err,
        PulumiCliLocator cliLocator,
        GcloudLocator gcloudLocator,
        SmokeCheck smokeCheck) {

    public PipelineDeps {
        env = Map.copyOf(env);
    }

    /** The real process environment, working directory, clock, pulumi CLI and gcloud. */
    public static PipelineDeps system(SmokeCheck smokeCheck) {
        Map<String, String> env = System.getenv();
        return new PipelineDeps(env, Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")),
                Clock.systemUTC(), System.out, System.err, PulumiCliLocator.onPath(env),
                GcloudLocator.onPath(env), smokeCheck);
    }
}
