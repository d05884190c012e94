package gkeserving.tools.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * One tag step of a promote as the run report records it.
 *
 * @param tag     the tag, e.g. {@code promoted-prod}
 * @param image   the digest reference it was to point at; null when skipped for want of one
 * @param command the gcloud command line; null when skipped
 * @param detail  why it failed or was skipped; null when tagged
 */
public record PromotionTagStep(String tag, String image, String command, Status status, String detail) {
    public enum Status {
        TAGGED, FAILED, SKIPPED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
