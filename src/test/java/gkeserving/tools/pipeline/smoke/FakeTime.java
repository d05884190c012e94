package gkeserving.tools.pipeline.smoke;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Virtual time for the smoke test: sleeps return at once and move this clock forward, while real time
 * (the tiny cost of loopback HTTP calls) still passes underneath, so measured latencies stay real.
 */
final class FakeTime implements SmokeClock {

    private final List<Duration> sleeps = new ArrayList<>();
    private long sleptNanos;
    private boolean interrupted;

    @Override
    public synchronized long nanoTime() {
        return System.nanoTime() + sleptNanos;
    }

    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        if (interrupted) {
            throw new InterruptedException();
        }
        sleeps.add(duration);
        sleptNanos += duration.toNanos();
    }

    /** From now on every sleep is interrupted, as when the run's thread is interrupted while waiting. */
    synchronized FakeTime interruptSleeps() {
        interrupted = true;
        return this;
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    synchronized Duration slept() {
        return Duration.ofNanos(sleptNanos);
    }
}
