package gkeserving.bench;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.resources.StackOptions;
import gkeserving.program.App;
import gkeserving.program.image.DockerDaemon;
import gkeserving.tools.project.StackFiles;
import gkeserving.tools.render.InProcessRun;
import gkeserving.tools.sdk.PulumiInternals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one measured JVM of the benchmark runs (see bench/run): the real program or the one-resource floor,
 * in-process under the mock engine, or the floor under an engine (a real one or {@link EngineStandIn}).
 * Not a test: it runs on the shipped jar's classpath with this class appended, so the jar's class-data archive
 * applies exactly as it does to {@code java -jar}.
 */
public final class BenchProgram {
    private BenchProgram() {
    }

    /**
     * {@code eval <stack>} | {@code floor} | {@code floor-engine}; the working directory is the project. The floor is
     * the least a Pulumi Java program costs on these jars: one resource, no stack file, no config.
     */
    public static void main(String[] args) {
        switch (args[0]) {
            case "eval" -> exit(evaluate(args[1]));
            case "floor" -> exit(!InProcessRun.run("floor", "floor", Map.of(), List.of(), BenchProgram::oneResource).failed());
            case "floor-engine" -> {
                // Ends as the jar's program does (gkeserving.cli.Main), so both pay the same exit.
                int code = Pulumi.withOptions(StackOptions.Empty).runAsync(BenchProgram::oneResource).join();
                try {
                    PulumiInternals.stopEngineConnectionThreads();
                } catch (NoSuchMethodError e) {
                    // measuring an earlier build's jar (bench/run --jar): it exits as that build's program did
                }
                exit(code == 0);
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** The floor: one resource of one of the program's providers, nothing else. */
    static void oneResource(Context ctx) {
        new Account("floor", AccountArgs.builder().accountId("floor").build());
    }

    /** What render does before writing anything: the stack's config from its files, then the program under the mock engine. */
    private static boolean evaluate(String stack) {
        Path projectDir = Path.of("").toAbsolutePath();
        StackFiles files = StackFiles.of(projectDir);
        Map<String, String> config = files.config(stack);
        return !InProcessRun.run(files.project(), stack, config, List.of(),
                ctx -> App.stack(ctx, DockerDaemon.NOT_PROBED, projectDir, config.keySet())).failed();
    }

    private static void exit(boolean ok) {
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }
}
