package gkeserving.tools.pipeline;

import gkeserving.program.config.ArtifactRegistry;
import gkeserving.program.config.ImageReference;
import gkeserving.program.image.PromotionTags;
import gkeserving.tools.pipeline.PromotionTagStep.Status;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * promote's protection of what it moves ({@link PromotionTags}), before the target stack is deployed:
 * {@code gcloud artifacts docker tags add} in each digest's own Artifact Registry repository, whose cleanup
 * policy keeps tagged {@code promoted-*} versions. The digest the target ran until now is tagged too, so it
 * stays while the target may still run it (a deploy that fails or is refused leaves it running). A failed tag
 * stops the promotion: deploying a digest that a cleanup may delete is what this step exists to prevent.
 */
final class PromotionTagging {
    private final Gcloud gcloud;
    private final PrintStream out;
    private final String target;
    private final List<PromotionTagStep> steps;

    /** @param steps where each step is recorded for the run report, failed ones included */
    PromotionTagging(Gcloud gcloud, PrintStream out, String target, List<PromotionTagStep> steps) {
        this.gcloud = gcloud;
        this.out = out;
        this.target = target;
        this.steps = steps;
    }

    /** Pure: gcloud's arguments that point {@code tag} at {@code image}, in the repository the image is in. */
    static List<String> arguments(ImageReference image, String tag) {
        return List.of("artifacts", "docker", "tags", "add", image.toString(), image.name() + ":" + tag, "--quiet");
    }

    /**
     * Tags the digest the target runs now ({@code imageRef} of its outputs), when it has one in Artifact
     * Registry; a digest anywhere else is under no cleanup policy of this program's.
     */
    void protectRunning(Optional<String> runningImageRef, String tag) {
        Optional<ImageReference> running = runningImageRef.flatMap(ImageReference::parse);
        if (running.isPresent() && running.get().registry().isPresent()) {
            tag(running.get(), tag);
            return;
        }
        String reason = runningImageRef.isEmpty() ? "stack " + target + " has no imageRef output (not deployed yet)"
                : "stack " + target + " runs " + runningImageRef.get() + ", which is not a digest in Artifact Registry";
        steps.add(new PromotionTagStep(tag, null, null, Status.SKIPPED, reason));
        out.println("Not tagging " + tag + ": " + reason);
    }

    /** Points {@code tag} at {@code image}; throws a failure naming the repository when gcloud does not. */
    void tag(ImageReference image, String tag) {
        List<String> args = arguments(image, tag);
        String command = "gcloud " + String.join(" ", args);
        out.println("Tagging " + image + " as " + tag + " ...");
        String error;
        try {
            Gcloud.Result result = gcloud.run(args);
            if (result.succeeded()) {
                steps.add(new PromotionTagStep(tag, image.toString(), command, Status.TAGGED, null));
                return;
            }
            error = "gcloud exited with " + result.exitCode() + ": " + summary(result.output());
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
        steps.add(new PromotionTagStep(tag, image.toString(), command, Status.FAILED, error));
        String repository = image.registry().map(ArtifactRegistry::url).orElse(image.name());
        throw PipelineException.failed("tagging " + image + " as " + tag + " failed (" + error + "); stack " + target
                + " was not deployed. `" + command + "` needs an account with roles/artifactregistry.writer on "
                + repository);
    }

    /** Pure: gcloud's ERROR lines, else its last line of output. */
    static String summary(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> errors = lines.stream().filter(line -> line.startsWith("ERROR:")).toList();
        if (!errors.isEmpty()) {
            return String.join("; ", errors);
        }
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }
}
