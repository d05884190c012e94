package gkeserving.tools.pipeline;

/** The pipeline's exit codes; CI scripts branch on them, so they are part of the interface. */
public enum ExitCode {
    OK(0),
    /** preview, up, destroy, refresh or the smoke test failed, or the stack is locked. */
    FAILED(1),
    /** bad usage or configuration: nothing was changed. */
    USAGE(2),
    /** the gate refused the change (stateful replacement, or prod without --yes). */
    GATE_REFUSED(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
