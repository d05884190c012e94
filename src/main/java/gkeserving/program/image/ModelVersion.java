package gkeserving.program.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One checked version directory of a model: the checked signature's tensors, sorted by name.
 *
 * @param hasWarmupData whether {@code assets.extra/tf_serving_warmup_requests} exists, which
 *                      TF Serving replays at load time so the first real request is not slow
 */
public record ModelVersion(
        long version, Path dir, List<TensorSpec> inputs, List<TensorSpec> outputs, boolean hasWarmupData) {

    public ModelVersion {
        Objects.requireNonNull(dir, "dir");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** For logs: {@code version 1: features DT_FLOAT [-1,4] -> probabilities DT_FLOAT [-1,3]; no warm-up data}. */
    public String describe() {
        return "version " + version + ": " + describeAll(inputs) + " -> " + describeAll(outputs)
                + (hasWarmupData ? "; warm-up data" : "; no warm-up data");
    }

    private static String describeAll(List<TensorSpec> tensors) {
        return tensors.stream().map(TensorSpec::describe).collect(Collectors.joining(", "));
    }
}
