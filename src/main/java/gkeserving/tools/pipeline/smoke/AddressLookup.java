package gkeserving.tools.pipeline.smoke;

import java.util.Optional;

/**
 * Finds the serving endpoint's base URL (e.g. {@code http://34.1.2.3:8501}) once the
 * LoadBalancer has one. Empty while unknown; may throw, which the smoke test treats as
 * "not known yet" while remembering the error for its report.
 */
@FunctionalInterface
public interface AddressLookup {

    Optional<String> lookup() throws Exception;

    /** What is being waited for, as it should read in a failure message. */
    default String description() {
        return "the LoadBalancer address";
    }

    /** The same lookup, described as {@code description} (e.g. "external IP of Service serving/tf-serving"). */
    static AddressLookup named(String description, AddressLookup lookup) {
        return new AddressLookup() {
            @Override
            public Optional<String> lookup() throws Exception {
                return lookup.lookup();
            }

            @Override
            public String description() {
                return description;
            }
        };
    }
}
