package gkeserving.tools.pipeline;

import java.util.Map;
import java.util.Optional;

/** Finds gcloud, which promote needs to tag the digest it moves; injectable so tests run with a stand-in or none. */
@FunctionalInterface
public interface GcloudLocator {
    String INSTALL_HINT = "gcloud is not installed (no 'gcloud' on PATH): promote needs it to tag the digest it "
            + "promotes in Artifact Registry, so that no cleanup policy deletes an image a stack runs. Install the "
            + "Google Cloud CLI (https://cloud.google.com/sdk/docs/install) and sign in with `gcloud auth login`";

    /** The gcloud to run, or empty when there is none. */
    Optional<Gcloud> locate();

    /** The gcloud on PATH, run as a child process. */
    static GcloudLocator onPath(Map<String, String> env) {
        return () -> ExecutableOnPath.find(env.getOrDefault("PATH", ""), "gcloud")
                .map(executable -> new GcloudProcess(executable, GcloudProcess.TIMEOUT));
    }
}
