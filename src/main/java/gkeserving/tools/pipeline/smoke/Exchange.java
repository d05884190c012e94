package gkeserving.tools.pipeline.smoke;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One HTTP request's outcome: an answer (status, body, latency) or why there was none.
 * {@code failure} is null exactly when there was an answer.
 */
record Exchange(int status, String body, Duration latency, String failure) {

    static Exchange answered(int status, String body, Duration latency) {
        return new Exchange(status, body, latency, null);
    }

    static Exchange unanswered(String failure) {
        return new Exchange(0, "", null, failure);
    }

    boolean answered() {
        return failure == null;
    }

    /** A one-phrase reason for a failed request; the JDK client often leaves messages null. */
    static String describe(IOException e, Duration requestTimeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "could not connect within the connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + Durations.human(requestTimeout);
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
