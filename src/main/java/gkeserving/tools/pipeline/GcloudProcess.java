package gkeserving.tools.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real gcloud: a child process with no input (the arguments carry --quiet, and a prompt could only hang),
 * its output kept for the error message, stopped after {@code timeout} so a stuck call cannot hold a deploy job.
 */
record GcloudProcess(Path executable, Duration timeout) implements Gcloud {
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Override
    public Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        try {
            // gcloud writes progress and errors to stderr; merged, one reader drains both and no pipe fills up.
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close(); // end of input: nothing can wait for an answer
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("gcloud did not finish within " + timeout.toSeconds() + " s and was stopped");
            }
            return new Result(process.exitValue(), output.join());
        } catch (IOException e) {
            throw new UncheckedIOException("gcloud (" + executable + ") could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while gcloud was running", e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(gcloud's output could not be read: " + e.getMessage() + ")";
        }
    }
}
