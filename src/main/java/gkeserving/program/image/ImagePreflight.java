package gkeserving.program.image;

import com.pulumi.context.LoggingContext;
import gkeserving.program.config.ServingSettings;
import gkeserving.program.config.Settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What must hold before any resource is registered, so that neither {@code pulumi preview} nor
 * {@code up} spends a GPU node or a half-created stack on an image that cannot be built: a servable
 * model, a sample request its warm-up records can be generated from, the project's Dockerfile and a
 * Docker daemon.
 *
 * <p>With {@code image.existingDigest} nothing is built, so none of this is checked: the image was
 * checked when it was built, and the model directory of this checkout may differ from the model in
 * that image (promotion moves a digest, not a directory), so checking it could only refuse a valid
 * promotion. The model's name still comes from {@code model.name}.
 */
public final class ImagePreflight {

    /**
     * Info lines for the log, the one failure that must stop the program, if any, the model as checked (absent
     * when nothing was checked) and the warm-up records generated for the image.
     */
    public record Result(List<String> notes, Optional<String> failure, Optional<ModelReport> model, WarmupFiles warmup) {
        public Result {
            notes = List.copyOf(notes);
        }

        static Result passed(String note, Optional<ModelReport> model, WarmupFiles warmup) {
            return new Result(List.of(note), Optional.empty(), model, warmup);
        }

        static Result failed(String failure) {
            return new Result(List.of(), Optional.of(failure), Optional.empty(), WarmupFiles.NONE);
        }

        /**
         * Whether the image holds TF Serving warm-up records: the model's own or generated ones (unknown, so false,
         * for an existing digest; TF Serving's own default still replays any the image holds).
         */
        public boolean warmupData() {
            return warmup.generated()
                    || model.stream().flatMap(m -> m.versions().stream()).anyMatch(ModelVersion::hasWarmupData);
        }

        public boolean passed() {
            return failure.isEmpty();
        }

        /** Logs the notes as info and the failure as an error (an error fails the Pulumi run without a stack trace). */
        public boolean reportTo(LoggingContext log) {
            notes.forEach(log::info);
            failure.ifPresent(log::error);
            return passed();
        }
    }

    private ImagePreflight() {
    }

    /**
     * @param projectDir           the directory holding Pulumi.yaml; model paths are relative to it
     * @param configuredDockerHost the stack's {@code docker:host}, if set
     */
    public static Result check(Settings settings, Path projectDir, DockerDaemon docker,
                               Optional<String> configuredDockerHost) {
        if (settings.image().existingDigest().isPresent()) {
            return Result.passed("image.existingDigest is set: serving " + settings.image().existingDigest().get()
                    + " as model '" + settings.model().name() + "'; " + settings.model().path()
                    + " is neither checked nor built", Optional.empty(), WarmupFiles.NONE);
        }
        ModelReport report;
        WarmupFiles warmup;
        try {
            report = ModelPreflight.check(projectDir.resolve(settings.model().path()), settings.model().signature());
            warmup = WarmupFiles.generate(report, settings.model().name(), settings.model().signature());
        } catch (ModelPreflightException e) {
            return Result.failed("model.path (" + settings.model().path() + "): " + e.getMessage());
        }
        Optional<String> versionProblem = versionsProblem(settings.serving(), report);
        if (versionProblem.isPresent()) {
            return Result.failed(versionProblem.get());
        }
        Path dockerfile = projectDir.resolve(ImageBuild.DOCKERFILE);
        if (!Files.isRegularFile(dockerfile)) {
            return Result.failed("The serving image's Dockerfile " + dockerfile + " is missing: run Pulumi from the"
                    + " project directory (the one holding Pulumi.yaml and " + ImageBuild.DOCKERFILE + ").");
        }
        Optional<List<String>> unreachable = docker.unreachable(configuredDockerHost);
        if (unreachable.isPresent()) {
            return Result.failed("Building the serving image needs a running Docker daemon, and none answers at "
                    + String.join(", ", unreachable.get()) + ": start Docker (or point DOCKER_HOST or docker:host at"
                    + " one), or set gke-gpu-serving:image.existingDigest to deploy an image that was built before.");
        }
        String note = report.describe()
                + warmup.notes().stream().map(line -> "\n  warm-up: " + line).collect(Collectors.joining());
        return Result.passed(note, Optional.of(report), warmup);
    }

    /**
     * The version policy and labels against the versions the model really has: TF Serving refuses to
     * start when a listed version is missing or a label names a version it did not load.
     */
    static Optional<String> versionsProblem(ServingSettings serving, ModelReport report) {
        List<Long> available = report.versions().stream().map(ModelVersion::version).sorted().toList();
        var policy = serving.versionPolicy();
        for (long version : policy.specific()) {
            if (!available.contains(version)) {
                return Optional.of("serving.versionPolicy.specific lists version " + version + ", but " + report.modelDir()
                        + " has versions " + available);
            }
        }
        List<Long> loaded = !policy.specific().isEmpty() ? policy.specific()
                : available.subList(Math.max(0, available.size() - policy.latest().orElse(1)), available.size());
        for (var label : new java.util.TreeMap<>(serving.versionLabels()).entrySet()) {
            if (!loaded.contains(label.getValue())) {
                return Optional.of("serving.versionLabels." + label.getKey() + " (" + label.getValue()
                        + ") names a version TF Serving will not load: " + report.modelDir() + " has " + available
                        + ", of which the version policy loads " + loaded);
            }
        }
        return Optional.empty();
    }
}
