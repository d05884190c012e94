package gkeserving.tools.pipeline.smoke;

import java.time.Duration;

/**
 * The smoke test's time: a monotonic nanosecond reading for deadlines and latencies (wall clocks can jump),
 * and the waits between polls. One seam, so a test's fake sleeps by moving the time it reads forward.
 */
public interface SmokeClock {

    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    static SmokeClock system() {
        return new SmokeClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        };
    }
}
