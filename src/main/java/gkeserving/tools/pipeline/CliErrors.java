package gkeserving.tools.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Pure text: the few lines worth showing from a failed pulumi command. */
final class CliErrors {
    private static final int MAX_LINES = 5;

    private CliErrors() {
    }

    /**
     * The distinct "error:" lines of a CommandException message (which holds the CLI's
     * code, stdout and stderr), else the last line of stderr, else the whole message's last line.
     */
    static String summarize(String exceptionMessage) {
        if (exceptionMessage == null || exceptionMessage.isBlank()) {
            return "no details from the pulumi CLI";
        }
        Set<String> errorLines = new LinkedHashSet<>();
        for (String line : exceptionMessage.split("\\R")) {
            String trimmed = withoutStreamLabel(line.strip());
            if (trimmed.startsWith("error:")) {
                errorLines.add(trimmed.substring("error:".length()).strip());
            }
        }
        if (!errorLines.isEmpty()) {
            return String.join("; ", errorLines.stream().limit(MAX_LINES).toList());
        }
        int stderr = exceptionMessage.indexOf("stderr:");
        String tail = stderr >= 0 ? exceptionMessage.substring(stderr + "stderr:".length()) : exceptionMessage;
        List<String> lines = new ArrayList<>(tail.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return lines.isEmpty() ? exceptionMessage.strip().lines().reduce((a, b) -> b).orElse("") : lines.get(lines.size() - 1);
    }

    /** CommandResult.toString() puts "stdout: " / "stderr: " before each stream's first line. */
    private static String withoutStreamLabel(String line) {
        for (String label : new String[] {"stdout:", "stderr:"}) {
            if (line.startsWith(label)) {
                return line.substring(label.length()).strip();
            }
        }
        return line;
    }

    static String lockedMessage(String stack) {
        return "stack " + stack + " is locked: another update holds its lock. Wait for it to finish; if none is "
                + "running (e.g. a killed run), release the lock with `pulumi cancel --stack " + stack
                + "` in the project directory. Nothing was retried.";
    }
}
