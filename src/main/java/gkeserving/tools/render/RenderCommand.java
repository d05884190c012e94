package gkeserving.tools.render;

import com.pulumi.Context;
import gkeserving.program.App;
import gkeserving.program.image.DockerDaemon;
import gkeserving.tools.ExitCode;
import gkeserving.tools.project.Project;
import gkeserving.tools.project.ProjectException;
import gkeserving.tools.project.StackFiles;
import gkeserving.tools.render.check.SchemaProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.BiFunction;

/** {@code render}: what a stack will create, computed offline and written as manifests and a plan. */
@Command(name = "render",
        header = "Show exactly what a stack will create, offline: Kubernetes manifests and a plan.",
        description = {
                "Runs the Pulumi program in-process for one stack (Pulumi.yaml defaults and",
                "Pulumi.<env>.yaml), without the pulumi CLI, cloud credentials, Docker or",
                "network, and writes:",
                "  <dir>/k8s/NN-<kind>-<name>.yaml  one Kubernetes object per file, exactly as",
                "                                   the provider would apply it, numbered in",
                "                                   dependency order (Helm releases: chart",
                "                                   coordinates and values)",
                "  <dir>/plan.json                  every resource: type, name, parent, protect,",
                "                                   inputs (secrets as \"[secret]\"), dependencies",
                "Values only the cloud knows (endpoints, IPs, digests) are written as",
                "\"<known after up: ...>\". Two renders of the same inputs are byte-identical.",
                "It prints resources by type, the outputs, and the chain of dependent creates",
                "expected to decide a first `up` (typical durations per type: estimates)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:rendered (with --check: every object passed)",
                "1:--check found problems, the program failed, or the files could not be written",
                "2:bad usage, unknown stack, invalid stack configuration, or an --out render must not write to"})
public final class RenderCommand implements Callable<Integer> {
    @Option(names = "--stack", required = true, paramLabel = "<env>",
            description = "Stack to render: Pulumi.<env>.yaml at the project root or under stacks/.")
    private String stack;

    @Option(names = "--out", required = true, paramLabel = "<dir>",
            description = "Output directory of its own (not / or the project directory); the files an earlier render "
                    + "wrote there (listed in " + RenderOutput.RECORD + ") are replaced, and no other file is touched.")
    private Path outDir;

    @Option(names = "--force",
            description = "Write into an --out directory that holds files render did not write; they are kept.")
    private boolean force;

    @Option(names = "--check",
            description = "Also check every Kubernetes object against its real schema (typed fabric8 model) and "
                    + "TF Serving config texts against TF Serving's protos; exit 1 on any problem.")
    private boolean check;

    @Option(names = "--project-dir", paramLabel = "<dir>",
            description = "Directory of Pulumi.yaml (default: the nearest one at or above the current directory).")
    private Path projectDir;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    /**
     * The program for a project directory (model paths and the Dockerfile are relative to it) and the
     * stack's config keys (so a misspelled top-level key fails as it does in {@code pulumi up}).
     */
    private final BiFunction<Path, Set<String>, Consumer<Context>> programFor;

    /** The command as the jar runs it: the real program, rooted at --project-dir. */
    public RenderCommand() {
        this.programFor = (dir, keys) -> ctx -> App.stack(ctx, DockerDaemon.NOT_PROBED, dir, keys);
    }

    /** @param program the Pulumi program to render (tests pass small hand-made ones) */
    public RenderCommand(Consumer<Context> program) {
        this.programFor = (dir, keys) -> program;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            StackFiles files = Project.locate(Optional.ofNullable(projectDir), Path.of("")).stackFiles();
            Map<String, String> config = files.config(stack);
            // Refused before the program runs: a refused render writes nothing.
            RenderOutput output = RenderOutput.open(outDir, files.projectDir(), force);
            Render render = new Renderer(programFor.apply(files.projectDir(), config.keySet())).render(files.project(), stack, config);
            List<KubernetesFile> kubernetesFiles = KubernetesFile.of(render.resources());
            Map<String, String> written = new LinkedHashMap<>(ManifestWriter.files(kubernetesFiles));
            written.put(PlanWriter.FILE, PlanWriter.json(render));
            output.write(written);
            out.print(SummaryTable.text(render, kubernetesFiles.size()));
            out.println();
            String chain = ExpectedChain.text(render);
            if (!chain.isEmpty()) {
                out.print(chain);
                out.println();
            }
            out.println("Wrote " + outDir.resolve(ManifestWriter.DIRECTORY) + "/ and " + outDir.resolve(PlanWriter.FILE));
            return check ? reportCheck(new RenderCheck().check(outDir, kubernetesFiles), kubernetesFiles, out, err) : ExitCode.OK.code();
        } catch (ProjectException | RenderOutput.Refused e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE.code();
        } catch (ProgramFailedException e) {
            e.messages().forEach(message -> err.println("error: " + message));
            return (e.crashed() ? ExitCode.FAILED : ExitCode.USAGE).code();
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.FAILED.code();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int reportCheck(List<SchemaProblem> problems, List<KubernetesFile> files, PrintWriter out,
                                   PrintWriter err) {
        long checked = files.stream().filter(f -> !f.helmRelease()).count();
        if (problems.isEmpty()) {
            out.println("Check: " + checked + " Kubernetes objects match their schemas");
            return ExitCode.OK.code();
        }
        problems.forEach(problem -> err.println("schema problem: " + problem));
        err.println("Check failed: " + problems.size() + " problem(s) in " + checked + " Kubernetes objects");
        return ExitCode.FAILED.code();
    }
}
