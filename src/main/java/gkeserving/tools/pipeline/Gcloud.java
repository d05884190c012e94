package gkeserving.tools.pipeline;

import java.util.List;

/** The gcloud CLI as promote runs it; injectable so tests see its exact arguments instead of running it. */
@FunctionalInterface
public interface Gcloud {
    /** Runs {@code gcloud <args>} to its end; throws only when gcloud could not be run or did not finish. */
    Result run(List<String> args);

    /** How a gcloud command ended: its exit code and what it wrote (gcloud writes progress and errors to stderr). */
    record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }
}
