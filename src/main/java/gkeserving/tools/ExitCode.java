package gkeserving.tools;

/** The exit codes of every command of the jar; CI scripts branch on them, so they are part of the interface. */
public enum ExitCode {
    OK(0),
    /** the work failed: preview, up, destroy, refresh, the smoke test or render --check, or the stack is locked. */
    FAILED(1),
    /** bad usage, input or configuration: nothing was changed. */
    USAGE(2),
    /** the gate refused the change (stateful replacement, or a stack that needs --yes). */
    GATE_REFUSED(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
