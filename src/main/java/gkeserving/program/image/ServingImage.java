package gkeserving.program.image;

import gkeserving.program.ResourceTypes;
import com.pulumi.core.Output;
import com.pulumi.docker.Image;
import com.pulumi.gcp.artifactregistry.Repository;
import com.pulumi.gcp.organizations.OrganizationsFunctions;
import com.pulumi.gcp.organizations.outputs.GetClientConfigResult;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import gkeserving.program.config.ArtifactRegistry;
import gkeserving.program.config.GcpSettings;
import gkeserving.program.config.ImageSettings;
import gkeserving.program.config.ModelSettings;
import gkeserving.program.config.Settings;
import gkeserving.program.project.ProjectApi;
import gkeserving.program.project.ProjectServices;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The serving image: an Artifact Registry Docker repository that keeps the last
 * {@code image.keepVersions} images, and TF Serving with the model (and its warm-up records) baked in,
 * built from {@code serving/Dockerfile}, tagged by content and pushed. {@link #imageRef} names it by digest.
 *
 * <p>Nothing here depends on the cluster, so {@code pulumi up} builds and pushes while GKE is still
 * being created. With {@code image.existingDigest} nothing is built and that digest is served
 * (promotion of one build across environments); the registry stays, so switching between the two
 * never tries to delete a protected repository.
 */
public final class ServingImage extends ComponentResource {

    /**
     * @param projectDir the directory holding Pulumi.yaml and serving/Dockerfile; the program's and the
     *                   docker provider's working directory
     */
    public record Args(GcpSettings gcp, ModelSettings model, ImageSettings image, String tfServingVersion,
                       BaseVariant variant, boolean protect, Path projectDir, WarmupFiles warmup,
                       boolean stageContext) {

        /**
         * Every shipped stack serves from the GPU pool, so the base image is TF Serving's GPU build.
         *
         * @param warmup       the warm-up records the preflight generated, baked in beside the model
         * @param stageContext whether to write the build context under target/ (see {@link BuildContext}): only
         *                     a run whose docker provider builds needs it, so offline renders write nothing
         */
        public static Args of(Settings settings, Path projectDir, WarmupFiles warmup, boolean stageContext) {
            return new Args(settings.gcp(), settings.model(), settings.image(), settings.serving().tfServingVersion(),
                    BaseVariant.GPU, settings.protect(), projectDir, warmup, stageContext);
        }

        public Path modelDir() {
            return projectDir.resolve(model.path()).normalize();
        }

        public ArtifactRegistry registry() {
            return ArtifactRegistry.of(gcp, image);
        }
    }

    public final Repository repository;
    /** {@code <region>-docker.pkg.dev/<project>/<repository>}. */
    public final String registryUrl;
    /** What is built, or empty when {@code image.existingDigest} is served. */
    public final Optional<ImageBuild> build;
    /** The build and push, or empty when {@code image.existingDigest} is served. */
    public final Optional<Image> image;
    /** The image by digest ({@code <name>@sha256:<hex>}): what the serving Deployment runs. */
    public final Output<String> imageRef;

    /** @param apis the project's APIs: the repository waits for Artifact Registry's, and the push for the repository */
    public ServingImage(String name, Args args, ProjectServices apis, ComponentResourceOptions options) {
        super(ResourceTypes.SERVING_IMAGE_COMPONENT, name, options);
        this.registryUrl = args.registry().url();
        this.repository = new Repository(name + "-registry",
                ServingRegistry.args(args.registry(), args.image().keepVersions()),
                CustomResourceOptions.builder().parent(this).protect(args.protect())
                        .dependsOn(apis.of(ProjectApi.ARTIFACT_REGISTRY)).build());

        Optional<String> existingDigest = args.image().existingDigest();
        this.build = existingDigest.isPresent() ? Optional.empty() : Optional.of(ImageBuild.plan(args));
        this.image = build.map(plan -> new Image(name + "-build", plan.args(accessToken()),
                // The registry must exist before the push; nothing else may hold the build back.
                CustomResourceOptions.builder().parent(this).dependsOn(repository).build()));
        this.imageRef = image.map(Image::repoDigest).orElseGet(() -> Output.of(existingDigest.orElseThrow()));

        registerOutputs(Map.of(
                "registryUrl", Output.of(registryUrl),
                "imageRef", imageRef));
    }

    /** The gcp provider's own OAuth token (the credentials `pulumi up` runs with); secret, so it never lands in state in clear. */
    private static Output<String> accessToken() {
        return OrganizationsFunctions.getClientConfig()
                .applyValue(GetClientConfigResult::accessToken)
                .asSecret();
    }
}
