package gkeserving.tools.pipeline.smoke;

import java.time.Duration;

/** Waits between polls; injected so tests advance virtual time instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
}
