package gkeserving.tools.pipeline;

import gkeserving.program.ResourceTypes;
import com.pulumi.automation.events.EngineEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventLogTailTest {
    private static final List<String> LINES = EngineEventsJson.run("dev", false, List.of(PipelineHarness.DEPLOYMENT_UPDATE));

    @TempDir
    Path dir;

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void aLineWrittenInTwoPiecesIsDeliveredOnceAndWhole() throws Exception {
        Path log = Files.createFile(dir.resolve("eventlog.txt"));
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        String first = LINES.get(1);

        try (EventLogTail tail = new EventLogTail(log, events::add)) {
            append(log, LINES.get(0) + "\n" + first.substring(0, 40));
            Thread.sleep(200); // let the tail see the partial line
            append(log, first.substring(40) + "\n" + String.join("\n", LINES.subList(2, LINES.size())) + "\n");
        }

        assertThat(events).hasSize(LINES.size());
        assertThat(events.get(1).resourcePreEvent().metadata().type()).isEqualTo(ResourceTypes.DEPLOYMENT);
        assertThat(events.get(events.size() - 1).cancelEvent()).isNotNull();
    }

    @Test
    void closingAfterTheProcessEndedStopsEvenWithoutACancelEvent() throws Exception {
        Path log = Files.createFile(dir.resolve("eventlog.txt"));
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        append(log, LINES.get(0)); // the prelude, without even a newline

        try (EventLogTail tail = new EventLogTail(log, events::add)) {
            // the CLI exits here without writing anything else
        }

        assertThat(events).singleElement().satisfies(event -> assertThat(event.preludeEvent()).isNotNull());
    }
}
