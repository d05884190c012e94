package gkeserving.program.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Artifact Registry Docker repository, {@code <location>-docker.pkg.dev/<project>/<repository>}, and the
 * image names under it. The same type names the stack's own registry and the one a promoted digest lives in.
 */
public record ArtifactRegistry(String location, String project, String repository) {
    /** An image inside a repository: host, project and repository, then the image's own path. */
    private static final Pattern IMAGE_NAME = Pattern.compile("([a-z0-9-]+)-docker\\.pkg\\.dev/([a-z0-9-]+)/([a-z0-9-]+)/.+");

    /** The stack's own repository: {@code image.repository} of {@code gcp:project}, in {@code gcp:region}. */
    public static ArtifactRegistry of(GcpSettings gcp, ImageSettings image) {
        return new ArtifactRegistry(gcp.region(), gcp.project(), image.repository());
    }

    /** Artifact Registry's multi-region locations; every other location is a region ({@code us-central1-docker.pkg.dev}). */
    public static final List<String> MULTI_REGIONS = List.of("us", "europe", "asia");

    /**
     * The repository holding an image name (no tag or digest), when that name is in Artifact Registry: a host
     * {@code <location>-docker.pkg.dev} whose location is a region or a multi-region, so that
     * {@code evil-docker.pkg.dev} or a zone is not mistaken for one.
     */
    public static Optional<ArtifactRegistry> holding(String imageName) {
        Matcher m = IMAGE_NAME.matcher(imageName);
        if (!m.matches() || !(MULTI_REGIONS.contains(m.group(1)) || GcpLocations.isRegion(m.group(1)))) {
            return Optional.empty();
        }
        return Optional.of(new ArtifactRegistry(m.group(1), m.group(2), m.group(3)));
    }

    /** The registry host Docker logs in to and pushes to. */
    public String host() {
        return location + "-docker.pkg.dev";
    }

    /** The repository's address, the prefix of every image in it. */
    public String url() {
        return host() + "/" + project + "/" + repository;
    }

    public String imageName(String image, String tag) {
        return url() + "/" + image + ":" + tag;
    }
}
