package gkeserving.tools.render;

import java.util.List;

/**
 * The program did not complete: it reported errors (such as invalid stack configuration, exactly as
 * {@code pulumi up} would show them) or threw. The messages are meant for the user as they are.
 */
public final class ProgramFailedException extends RuntimeException {
    private final List<String> messages;
    private final boolean crashed;

    ProgramFailedException(List<String> messages, boolean crashed) {
        super(String.join("\n", messages));
        this.messages = List.copyOf(messages);
        this.crashed = crashed;
    }

    public List<String> messages() {
        return messages;
    }

    /** True when the program threw rather than reporting an error about its input. */
    public boolean crashed() {
        return crashed;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // reported as text, never as a stack trace
    }
}
