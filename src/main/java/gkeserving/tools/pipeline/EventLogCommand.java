package gkeserving.tools.pipeline;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.PulumiCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Owns the --event-log of commands that want engine events, instead of LocalPulumiCommand.
 * <p>
 * Why: in SDK 1.36.1, LocalPulumiCommand closes its EventLogWatcher by waiting for a cancelEvent
 * that the CLI never writes when it fails before the engine starts (the bug pulumi/pulumi#19539
 * fixed in the Python SDK) — e.g. a wrong passphrase would hang the pipeline forever. Here the
 * delegate gets the --event-log argument and no event callback, and the log is followed by an
 * {@link EventLogTail} that stops when the process has exited.
 */
final class EventLogCommand extends PulumiCommandDecorator {
    /** The CLI writes the event log only in this mode; LocalPulumiCommand sets it for the same reason. */
    static final String DEBUG_COMMANDS = "PULUMI_DEBUG_COMMANDS";

    EventLogCommand(PulumiCommand delegate) {
        super(delegate);
    }

    @Override
    public CommandResult run(List<String> args, CommandRunOptions options) throws AutomationException {
        if (options == null || options.onEngineEvent() == null) {
            return delegate.run(args, options);
        }
        Path dir = createLogDirectory();
        try {
            Path log = Files.createFile(dir.resolve("eventlog.txt"));
            List<String> withLog = new ArrayList<>(args);
            withLog.add("--event-log");
            withLog.add(log.toString());
            try (EventLogTail ignored = new EventLogTail(log, options.onEngineEvent())) {
                return delegate.run(withLog, withoutEventCallback(options));
            }
        } catch (IOException e) {
            throw new AutomationException("cannot create the engine event log in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AutomationException("interrupted while reading the engine event log", e);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static CommandRunOptions withoutEventCallback(CommandRunOptions options) {
        Map<String, String> env = new HashMap<>(options.additionalEnv());
        env.put(DEBUG_COMMANDS, "true");
        return CommandRunOptions.builder()
                .workingDir(options.workingDir())
                .additionalEnv(env)
                .standardInput(options.standardInput())
                .onStandardOutput(options.onStandardOutput())
                .onStandardError(options.onStandardError())
                .build();
    }

    private static Path createLogDirectory() throws AutomationException {
        try {
            return Files.createTempDirectory("gke-gpu-serving-events-");
        } catch (IOException e) {
            throw new AutomationException("cannot create a temporary directory for the engine event log", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless; the OS cleans tmp
        }
    }
}
