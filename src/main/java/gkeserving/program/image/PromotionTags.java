package gkeserving.program.image;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tags promote puts on digests in their Artifact Registry repository, all starting with {@link #PREFIX}:
 * {@code promoted-<stack>} on the digest it deploys to {@code <stack>}, {@code promoted-<stack>-previous} on the
 * one that stack ran before. Every registry this program creates keeps a version carrying such a tag
 * ({@link ServingRegistry}), so no cleanup policy deletes an image a stack runs. One type for both sides, so the
 * registry's keep rule and the tags promote writes cannot drift apart.
 *
 * <p>A tag points at one digest: promoting again moves both tags, and a digest that no stack runs any more
 * falls back under the registry's keep-most-recent rule.
 */
public record PromotionTags(String current, String previous) {
    public static final String PREFIX = "promoted-";
    public static final String PREVIOUS_SUFFIX = "-previous";
    /** Docker's tag grammar (distribution/reference): at most 128 characters. */
    public static final String DOCKER_TAG_RULE = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    /** The longest stack name whose tags are still valid. */
    public static final int MAX_STACK_NAME = 128 - PREFIX.length() - PREVIOUS_SUFFIX.length();
    private static final Pattern DOCKER_TAG = Pattern.compile(DOCKER_TAG_RULE);

    /** The tags for promotions into {@code stack}, or empty when its name makes no valid Docker tag. */
    public static Optional<PromotionTags> forStack(String stack) {
        String current = PREFIX + stack;
        String previous = current + PREVIOUS_SUFFIX;
        return !stack.isEmpty() && DOCKER_TAG.matcher(current).matches() && DOCKER_TAG.matcher(previous).matches()
                ? Optional.of(new PromotionTags(current, previous)) : Optional.empty();
    }
}
