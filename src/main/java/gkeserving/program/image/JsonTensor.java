package gkeserving.program.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.TensorProto;
import org.tensorflow.framework.TensorShapeProto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * JSON values of TF Serving's REST API turned into the {@code TensorProto} the server builds from them: nested
 * lists are dimensions (every list at one depth the same length), leaves are numbers, booleans, strings or
 * {@code {"b64": "..."}} (bytes of a string tensor), typed by the signature's dtype.
 */
final class JsonTensor {
    private static final String B64 = "b64";

    /** Integer dtypes and the range of values each holds. */
    private static final Map<DataType, BigInteger[]> INTEGER_RANGES = Map.of(
            DataType.DT_INT8, range(Byte.MIN_VALUE, Byte.MAX_VALUE),
            DataType.DT_UINT8, range(0, 255),
            DataType.DT_INT16, range(Short.MIN_VALUE, Short.MAX_VALUE),
            DataType.DT_UINT16, range(0, 65_535),
            DataType.DT_INT32, range(Integer.MIN_VALUE, Integer.MAX_VALUE),
            DataType.DT_UINT32, range(0, 4_294_967_295L),
            DataType.DT_INT64, range(Long.MIN_VALUE, Long.MAX_VALUE),
            DataType.DT_UINT64, new BigInteger[] {BigInteger.ZERO, BigInteger.TWO.pow(64).subtract(BigInteger.ONE)});

    private JsonTensor() {
    }

    /** Whether values of this dtype (TensorFlow's enum name) can be written; e.g. DT_HALF cannot. */
    static boolean writable(String dtype) {
        Optional<DataType> type = dataType(dtype);
        return type.isPresent() && (INTEGER_RANGES.containsKey(type.get()) || type.get() == DataType.DT_FLOAT
                || type.get() == DataType.DT_DOUBLE || type.get() == DataType.DT_BOOL || type.get() == DataType.DT_STRING);
    }

    /** A leaf: anything but a list, or an object other than {"b64": ...}. */
    static boolean isLeaf(JsonNode value) {
        return !value.isArray() && (!value.isObject() || isBytes(value));
    }

    /**
     * The value's dimensions: [] for a leaf, [n, ...] for a list of n equally shaped values.
     *
     * @throws IllegalArgumentException when lists at one depth differ in length or a value is not a leaf
     */
    static List<Long> shape(JsonNode value) {
        if (!value.isArray()) {
            if (!isLeaf(value) || value.isNull()) {
                throw new IllegalArgumentException("holds " + value + ", which is neither a list nor a value");
            }
            return List.of();
        }
        List<Long> inner = value.isEmpty() ? List.of() : shape(value.get(0));
        for (JsonNode element : value) {
            List<Long> elementShape = shape(element);
            if (!elementShape.equals(inner)) {
                throw new IllegalArgumentException("is ragged: one element has shape " + text(inner)
                        + ", another " + text(elementShape) + "; a tensor's lists must all have one length per depth");
            }
        }
        List<Long> dims = new ArrayList<>();
        dims.add((long) value.size());
        dims.addAll(inner);
        return dims;
    }

    /**
     * One tensor of the given dtype and shape from the values' leaves, in order.
     *
     * @param values one value (columnar) or one per example (row format, stacked along a new first dimension)
     */
    static TensorProto of(String dtype, List<Long> shape, List<JsonNode> values) {
        DataType type = dataType(dtype).filter(t -> writable(dtype))
                .orElseThrow(() -> new IllegalArgumentException("has dtype " + dtype
                        + ", which warm-up generation does not write"));
        TensorShapeProto.Builder tensorShape = TensorShapeProto.newBuilder();
        shape.forEach(size -> tensorShape.addDim(TensorShapeProto.Dim.newBuilder().setSize(size)));
        TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(type).setTensorShape(tensorShape);
        List<JsonNode> leaves = new ArrayList<>();
        values.forEach(value -> collectLeaves(value, leaves));
        for (JsonNode leaf : leaves) {
            add(tensor, type, dtype, leaf);
        }
        return tensor.build();
    }

    /** "[-1,4]". */
    static String text(List<Long> shape) {
        return shape.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    private static void add(TensorProto.Builder tensor, DataType type, String dtype, JsonNode leaf) {
        switch (type) {
            case DT_FLOAT -> tensor.addFloatVal((float) number(leaf, dtype));
            case DT_DOUBLE -> tensor.addDoubleVal(number(leaf, dtype));
            case DT_BOOL -> tensor.addBoolVal(bool(leaf));
            case DT_STRING -> tensor.addStringVal(bytes(leaf));
            case DT_INT64 -> tensor.addInt64Val(integer(leaf, type, dtype).longValue());
            case DT_UINT32 -> tensor.addUint32Val(integer(leaf, type, dtype).intValue());
            case DT_UINT64 -> tensor.addUint64Val(integer(leaf, type, dtype).longValue());
            default -> tensor.addIntVal(integer(leaf, type, dtype).intValue()); // INT8/16/32, UINT8/16: int_val
        }
    }

    private static double number(JsonNode leaf, String dtype) {
        if (!leaf.isNumber()) {
            throw new IllegalArgumentException("holds " + leaf + " where " + dtype + " needs a number");
        }
        return leaf.doubleValue();
    }

    private static boolean bool(JsonNode leaf) {
        if (!leaf.isBoolean()) {
            throw new IllegalArgumentException("holds " + leaf + " where DT_BOOL needs true or false");
        }
        return leaf.booleanValue();
    }

    private static BigInteger integer(JsonNode leaf, DataType type, String dtype) {
        BigInteger[] range = INTEGER_RANGES.get(type);
        if (!leaf.isIntegralNumber() || leaf.bigIntegerValue().compareTo(range[0]) < 0
                || leaf.bigIntegerValue().compareTo(range[1]) > 0) {
            throw new IllegalArgumentException("holds " + leaf + " where " + dtype + " needs a whole number in "
                    + range[0] + ".." + range[1]);
        }
        return leaf.bigIntegerValue();
    }

    /** A JSON string is its UTF-8 bytes; {"b64": ...} is decoded, as TF Serving's REST API does. */
    private static ByteString bytes(JsonNode leaf) {
        if (isBytes(leaf)) {
            try {
                return ByteString.copyFrom(Base64.getDecoder().decode(leaf.get(B64).textValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("holds a \"b64\" value that is not base64: " + e.getMessage());
            }
        }
        if (!leaf.isTextual()) {
            throw new IllegalArgumentException("holds " + leaf + " where DT_STRING needs a string or {\"b64\": ...}");
        }
        return ByteString.copyFrom(leaf.textValue(), StandardCharsets.UTF_8);
    }

    private static boolean isBytes(JsonNode value) {
        return value.isObject() && value.size() == 1 && value.has(B64) && value.get(B64).isTextual();
    }

    private static void collectLeaves(JsonNode value, List<JsonNode> leaves) {
        if (value.isArray()) {
            value.forEach(element -> collectLeaves(element, leaves));
        } else {
            leaves.add(value);
        }
    }

    private static Optional<DataType> dataType(String dtype) {
        try {
            return Optional.of(DataType.valueOf(dtype));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static BigInteger[] range(long min, long max) {
        return new BigInteger[] {BigInteger.valueOf(min), BigInteger.valueOf(max)};
    }
}
