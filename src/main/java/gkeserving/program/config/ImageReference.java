package gkeserving.program.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image named by digest, {@code <registry>/<path>@sha256:<64 hex digits>}: the only form the program
 * serves ({@code image.existingDigest}) and the pipeline promotes (a stack's {@code imageRef}). A tag can be
 * moved to another image; a digest cannot. One parser, so promote never accepts what the program then refuses.
 *
 * @param name   registry host (with an optional port) and a lowercase path, e.g. {@code us-central1-docker.pkg.dev/p/serving/iris}
 * @param digest {@code sha256:} and 64 lowercase hex digits
 */
public record ImageReference(String name, String digest) {
    private static final Pattern DIGEST_REFERENCE =
            Pattern.compile("([a-z0-9.-]+(?::[0-9]+)?(?:/[a-z0-9._-]+)+)@(sha256:[0-9a-f]{64})");

    /** The reference, or empty for anything else: a tag, a short or uppercase digest, a name without a path. */
    public static Optional<ImageReference> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = DIGEST_REFERENCE.matcher(text);
        return m.matches() ? Optional.of(new ImageReference(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The Artifact Registry repository the image is in, when it is in one. */
    public Optional<ArtifactRegistry> registry() {
        return ArtifactRegistry.holding(name);
    }

    @Override
    public String toString() {
        return name + "@" + digest;
    }
}
