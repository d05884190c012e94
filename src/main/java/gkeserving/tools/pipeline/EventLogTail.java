package gkeserving.tools.pipeline;

import com.pulumi.automation.events.EngineEvent;
import gkeserving.tools.sdk.PulumiInternals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Follows a pulumi --event-log file while the CLI runs and hands each complete line to a
 * consumer, parsed by the SDK's own serializer. Unlike the SDK's EventLogWatcher it also stops
 * when told the process has ended, so a CLI that fails before writing its closing cancelEvent
 * (wrong passphrase, bad flag) cannot hang the pipeline.
 */
final class EventLogTail implements AutoCloseable {
    private static final long POLL_MILLIS = 50;

    private final Path file;
    private final Consumer<EngineEvent> onEvent;
    private final Thread reader;
    private volatile boolean processEnded;
    private volatile RuntimeException failure;

    EventLogTail(Path file, Consumer<EngineEvent> onEvent) {
        this.file = file;
        this.onEvent = onEvent;
        this.reader = new Thread(this::follow, "pulumi-event-log");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Reads what is left after the process ended, then stops; rethrows a consumer's failure. */
    @Override
    public void close() throws InterruptedException {
        processEnded = true;
        reader.join();
        if (failure != null) {
            throw failure;
        }
    }

    private void follow() {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                // Read the flag before reading: once it is set the CLI has exited, so EOF is final.
                boolean lastPass = processEnded;
                int n = in.read(buffer);
                if (n > 0) {
                    if (deliverCompleteLines(pending, buffer, n)) {
                        return;
                    }
                } else if (lastPass) {
                    deliver(pending.toString(StandardCharsets.UTF_8));
                    return;
                } else {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /** @return true once the cancel event, always the log's last, has been delivered. */
    private boolean deliverCompleteLines(ByteArrayOutputStream pending, byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] != '\n') {
                pending.write(buffer[i]);
                continue;
            }
            String line = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            if (deliver(line)) {
                return true;
            }
        }
        return false;
    }

    private boolean deliver(String line) {
        if (line.isBlank()) {
            return false;
        }
        EngineEvent event = PulumiInternals.engineEvent(line);
        if (event == null) {
            return false;
        }
        onEvent.accept(event);
        return event.cancelEvent() != null;
    }
}
