package gkeserving.tools.pipeline.smoke;

/** The outcome of one poll while waiting: done, not yet (and what was seen), or a definite failure. */
sealed interface Poll<T> {

    record Ready<T>(T value) implements Poll<T> {
    }

    record Pending<T>(String lastSeen) implements Poll<T> {
    }

    record Failed<T>(String reason) implements Poll<T> {
    }

    static <T> Poll<T> ready(T value) {
        return new Ready<>(value);
    }

    static <T> Poll<T> pending(String lastSeen) {
        return new Pending<>(lastSeen);
    }

    static <T> Poll<T> failed(String reason) {
        return new Failed<>(reason);
    }
}
