package gkeserving.tools;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of a command line as a user sees it: its exit code and both streams. */
public record CommandRun(int exitCode, String out, String err) {
    public static CommandRun of(CommandLine command, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
