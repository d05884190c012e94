package gkeserving.program.config;

import java.util.List;

/** Every problem found in a stack's configuration, reported together so a user fixes them in one pass. */
public final class InvalidConfigException extends RuntimeException {
    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        var sb = new StringBuilder("invalid stack configuration (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        problems.forEach(p -> sb.append("\n  - ").append(p));
        return sb.toString();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // A config error is the user's input, not a program fault: no stack trace to print.
        return this;
    }
}
