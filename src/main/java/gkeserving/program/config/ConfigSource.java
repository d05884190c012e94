package gkeserving.program.config;

import java.util.Optional;
import java.util.Set;

/**
 * Raw stack configuration as the Pulumi engine hands it to a program: scalars as text, objects and
 * lists as JSON text. Implemented over {@code com.pulumi.Config} for real runs and over stack files
 * for offline rendering and tests.
 */
@FunctionalInterface
public interface ConfigSource {
    /** @param fullKey a namespaced key such as {@code gke-gpu-serving:gpuPool} or {@code gcp:project} */
    Optional<String> get(String fullKey);

    /** Every key the stack sets, when known; empty when the source cannot list them. Used to catch typos of top-level keys. */
    default Set<String> keys() {
        return Set.of();
    }

    /** The Pulumi project the stack belongs to (Pulumi.yaml's name), when known; it must be this program's. */
    default Optional<String> project() {
        return Optional.empty();
    }

    static ConfigSource of(java.util.function.Function<String, Optional<String>> lookup, Set<String> keys) {
        return of(lookup, keys, Optional.empty());
    }

    static ConfigSource of(java.util.function.Function<String, Optional<String>> lookup, Set<String> keys,
                           Optional<String> project) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String fullKey) {
                return lookup.apply(fullKey);
            }

            @Override
            public Set<String> keys() {
                return keys;
            }

            @Override
            public Optional<String> project() {
                return project;
            }
        };
    }
}
