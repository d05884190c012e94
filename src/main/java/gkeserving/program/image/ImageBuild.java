package gkeserving.program.image;

import com.pulumi.core.Output;
import com.pulumi.docker.ImageArgs;
import com.pulumi.docker.enums.BuilderVersion;
import com.pulumi.docker.inputs.DockerBuildArgs;
import com.pulumi.docker.inputs.RegistryArgs;
import gkeserving.program.config.ArtifactRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How the serving image is built and where it goes, as plain values: everything the
 * {@code docker.Image} resource is given except the registry credential ({@link #args} takes that).
 *
 * @param context    the staged build context ({@link BuildContext}), relative to the project directory (the
 *                   working directory of both the program and the docker provider), so state does not differ
 *                   between machines
 * @param dockerfile the Dockerfile, relative to the project directory
 */
public record ImageBuild(ArtifactRegistry registry, String imageName, String tag, String context, String dockerfile,
                         SortedMap<String, String> buildArgs, String platform) {

    public static final String DOCKERFILE = "serving/Dockerfile";
    /** GKE's GPU machine families are x86; without this a build on an arm64 laptop would not run on the nodes. */
    public static final String PLATFORM = "linux/amd64";
    /** Artifact Registry's user name for OAuth access tokens. */
    public static final String REGISTRY_USERNAME = "oauth2accesstoken";
    /** The unprivileged uid/gid the serving Dockerfile's USER sets; pods run as the same so runAsNonRoot holds. */
    public static final int NON_ROOT_UID = 65532;

    public ImageBuild {
        buildArgs = new TreeMap<>(buildArgs);
    }

    /**
     * Reads the Dockerfile, hashes the build context (the model and its generated warm-up records, see
     * {@link ContentTag}) and, when asked to, stages it under target/ (see {@link BuildContext}).
     */
    public static ImageBuild plan(ServingImage.Args args) {
        ArtifactRegistry registry = args.registry();
        SortedMap<String, String> buildArgs = new TreeMap<>(Map.of(
                "TF_SERVING_VERSION", args.tfServingVersion(),
                "VARIANT", args.variant().tagSuffix(),
                "MODEL_NAME", args.model().name()));
        List<ContextEntry> entries = BuildContext.entries(args.modelDir(), args.warmup());
        String tag = ContentTag.of(entries, dockerfileText(args.projectDir()), buildArgs, PLATFORM);
        Path context = args.stageContext() ? BuildContext.stage(args.projectDir(), tag, entries)
                : BuildContext.path(args.projectDir(), tag);
        return new ImageBuild(registry, registry.imageName(args.model().name(), tag), tag,
                projectRelative(args.projectDir(), context), DOCKERFILE, buildArgs, PLATFORM);
    }

    /**
     * The {@code docker.Image} resource's args: BuildKit (the Dockerfile's {@code COPY --chmod} needs it), never
     * built on preview (the content tag already shows whether the image will change), pushed with an OAuth access token.
     */
    public ImageArgs args(Output<String> password) {
        return ImageArgs.builder()
                .imageName(imageName)
                .build(DockerBuildArgs.builder()
                        .context(context)
                        .dockerfile(dockerfile)
                        .platform(platform)
                        .args(buildArgs)
                        .builderVersion(BuilderVersion.BuilderBuildKit)
                        .build())
                .buildOnPreview(false)
                .registry(RegistryArgs.builder()
                        .server(registry.host())
                        .username(REGISTRY_USERNAME)
                        .password(password)
                        .build())
                .build();
    }

    static String dockerfileText(Path projectDir) {
        try {
            return Files.readString(projectDir.resolve(DOCKERFILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + projectDir.resolve(DOCKERFILE), e);
        }
    }

    /** '/'-separated and relative when the directory is inside the project, absolute otherwise. */
    static String projectRelative(Path projectDir, Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path project = projectDir.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(project) ? project.relativize(absolute) : absolute;
        String text = shown.toString().replace('\\', '/');
        return text.isEmpty() ? "." : text;
    }
}
