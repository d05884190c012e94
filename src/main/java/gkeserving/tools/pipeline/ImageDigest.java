package gkeserving.tools.pipeline;

import java.util.regex.Pattern;

/** Promotion moves an immutable image digest between stacks, never a tag. */
final class ImageDigest {
    private static final Pattern DIGEST_REFERENCE = Pattern.compile("[^\\s@]+@sha256:[0-9a-f]{64}");

    private ImageDigest() {
    }

    static boolean isDigestReference(String ref) {
        return ref != null && DIGEST_REFERENCE.matcher(ref).matches();
    }

    /** The reference itself, or a failure naming the stack and what a digest reference looks like. */
    static String requireDigestReference(String ref, String stack) {
        if (!isDigestReference(ref)) {
            throw PipelineException.failed("stack " + stack + " exports imageRef '" + ref + "', which is not a digest "
                    + "reference (<repository>@sha256:<64 hex digits>); promotion moves digests only");
        }
        return ref;
    }
}
