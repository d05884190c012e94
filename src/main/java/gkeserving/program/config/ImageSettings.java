package gkeserving.program.config;

import java.util.Optional;

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

    /** {@code existingDigest} parsed; validated settings hold none that does not parse. */
    public Optional<ImageReference> existingImage() {
        return existingDigest.flatMap(ImageReference::parse);
    }
}
