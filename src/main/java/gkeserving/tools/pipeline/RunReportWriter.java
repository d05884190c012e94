package gkeserving.tools.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import gkeserving.tools.project.StackName;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes run reports; file names sort by time and never collide within a millisecond. */
final class RunReportWriter {
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReportWriter() {
    }

    static String fileStamp(Instant instant) {
        return FILE_STAMP.format(instant);
    }

    /**
     * Writes {@code <dir>/<stack>-<time>.json}: a new file, never through a link, only for a valid stack name,
     * so a report cannot land outside {@code dir} or overwrite anything.
     */
    static Path write(Path dir, Instant startedAt, RunReport report) throws IOException {
        if (!StackName.isValid(report.stack())) {
            throw new IOException("'" + report.stack() + "' is not a stack name");
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(report.stack() + "-" + fileStamp(startedAt) + ".json");
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            JSON.writeValue(out, report);
        }
        return file;
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("value could not be written as JSON", e);
        }
    }
}
