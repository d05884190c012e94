package gkeserving.config;

import java.util.Optional;

/**
 * Raw stack configuration as the Pulumi engine hands it to a program: scalars as text, objects and
 * lists as JSON text. Implemented over {@code com.pulumi.Config} for real runs and over stack files
 * for offline rendering and tests.
 */
@FunctionalInterface
public interface ConfigSource {
    /** @param fullKey a namespaced key such as {@code gke-gpu-serving:gpuPool} or {@code gcp:project} */
    Optional<String> get(String fullKey);
}
