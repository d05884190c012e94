package gkeserving.program.image;

/**
 * Coordinates of an Artifact Registry Docker repository and the image names under it:
 * {@code <region>-docker.pkg.dev/<project>/<repository>/<image>:<tag>}.
 */
public record ArtifactRegistry(String region, String project, String repository) {

    /** The registry host Docker logs in to and pushes to. */
    public String host() {
        return region + "-docker.pkg.dev";
    }

    /** The repository's address, the prefix of every image in it. */
    public String url() {
        return host() + "/" + project + "/" + repository;
    }

    public String imageName(String image, String tag) {
        return url() + "/" + image + ":" + tag;
    }
}
