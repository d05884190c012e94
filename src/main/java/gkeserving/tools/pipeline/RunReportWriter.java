package gkeserving.tools.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static Path write(Path dir, Instant startedAt, RunReport report) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(report.stack() + "-" + fileStamp(startedAt) + ".json");
        JSON.writeValue(file.toFile(), report);
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
