package gkeserving.tools.pipeline.smoke;

/**
 * One entry of TF Serving's {@code model_version_status}.
 *
 * @param state        START, LOADING, AVAILABLE, UNLOADING or END
 * @param errorCode    a canonical status code name; {@code OK} unless loading failed
 */
public record ModelVersionStatus(long version, String state, String errorCode, String errorMessage) {

    public static final String AVAILABLE = "AVAILABLE";
    public static final String END = "END";
    public static final String OK = "OK";

    public boolean isAvailable() {
        return AVAILABLE.equals(state);
    }

    /** END with an error is how TF Serving reports a version that could not be loaded. */
    public boolean failedToLoad() {
        return END.equals(state) && !OK.equals(errorCode);
    }

    /** e.g. {@code version 1 is LOADING}. */
    public String describe() {
        return "version " + version + " is " + state;
    }
}
