package gkeserving.program.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code gke-gpu-serving:image}: where the serving image is pushed, or which digest to reuse. */
public record ImageSettings(String repository, int keepVersions, Optional<String> existingDigest) {
    static ImageSettings read(ConfigReader r) {
        var s = new ImageSettings(
                r.string("repository", "serving"),
                r.integer("keepVersions", 10),
                r.optString("existingDigest"));
        r.rejectUnknownKeys();
        return s;
    }

    private static final Pattern ARTIFACT_REGISTRY =
            Pattern.compile("([a-z0-9-]+)-docker\\.pkg\\.dev/([a-z0-9-]+)/([a-z0-9-]+)/.*");

    /** An Artifact Registry Docker repository: {@code <location>-docker.pkg.dev/<project>/<repository>}. */
    public record RegistryRepository(String location, String project, String repository) {
    }

    /**
     * The Artifact Registry repository that holds {@code existingDigest}, when it is one: a promoted
     * image stays where it was built, so this stack's nodes must be allowed to pull from there.
     */
    public Optional<RegistryRepository> existingDigestRepository() {
        return existingDigest.map(ARTIFACT_REGISTRY::matcher).filter(Matcher::matches)
                .map(m -> new RegistryRepository(m.group(1), m.group(2), m.group(3)));
    }
}
