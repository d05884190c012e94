package gkeserving.program.image;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One input or output of a serving signature.
 *
 * @param name  the signature's key for the tensor (what REST/gRPC requests use, e.g. {@code features}),
 *              not the graph tensor name ({@code features:0})
 * @param dtype TensorFlow's enum name, e.g. {@code DT_FLOAT}
 * @param shape one entry per dimension, {@code -1} for an unknown dimension; empty for a scalar
 *              and also for a tensor of unknown rank (the preflight has no need to tell them apart)
 */
public record TensorSpec(String name, String dtype, List<Long> shape) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = List.copyOf(shape);
    }

    /** For logs: {@code features DT_FLOAT [-1,4]}. */
    public String describe() {
        return name + " " + dtype + " "
                + shape.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
