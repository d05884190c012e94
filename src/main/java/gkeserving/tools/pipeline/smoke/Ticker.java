package gkeserving.tools.pipeline.smoke;

/** A monotonic nanosecond source for deadlines and latencies (wall clocks can jump). */
@FunctionalInterface
public interface Ticker {

    long nanoTime();

    static Ticker system() {
        return System::nanoTime;
    }
}
