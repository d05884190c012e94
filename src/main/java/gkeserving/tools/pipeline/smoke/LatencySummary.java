package gkeserving.tools.pipeline.smoke;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.List;

/** Median (nearest-rank) and maximum of a few measured latencies; in JSON as fractional milliseconds. */
public record LatencySummary(@JsonIgnore Duration p50, @JsonIgnore Duration max) {

    public static LatencySummary of(List<Duration> latencies) {
        if (latencies.isEmpty()) {
            throw new IllegalArgumentException("no latencies to summarise");
        }
        List<Duration> sorted = latencies.stream().sorted().toList();
        int medianRank = (sorted.size() + 1) / 2; // nearest rank: ceil(0.5 * n)
        return new LatencySummary(sorted.get(medianRank - 1), sorted.get(sorted.size() - 1));
    }

    @JsonProperty("p50Ms")
    double p50Millis() {
        return Durations.millis(p50);
    }

    @JsonProperty("maxMs")
    double maxMillis() {
        return Durations.millis(max);
    }
}
