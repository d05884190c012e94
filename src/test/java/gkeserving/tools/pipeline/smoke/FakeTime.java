package gkeserving.tools.pipeline.smoke;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Virtual time for the smoke test: sleeps return at once and move this ticker forward, while real time
 * (the tiny cost of loopback HTTP calls) still passes underneath, so measured latencies stay real.
 */
final class FakeTime implements Ticker, Sleeper {

    private final List<Duration> sleeps = new ArrayList<>();
    private long sleptNanos;

    @Override
    public synchronized long nanoTime() {
        return System.nanoTime() + sleptNanos;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        sleptNanos += duration.toNanos();
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    synchronized Duration slept() {
        return Duration.ofNanos(sleptNanos);
    }
}
