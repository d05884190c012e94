package gkeserving.program.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import org.tensorflow.framework.TensorProto;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.PredictionLogOuterClass.PredictLog;
import tensorflow.serving.PredictionLogOuterClass.PredictionLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * TF Serving warm-up records from a predict request in the REST API's JSON (the model's sample request): one
 * {@code PredictionLog} holding a {@code PredictRequest} per distinct combination of input shapes, so that each
 * shape the sample shows is run once at load time, before the pod reports ready.
 *
 * <p>A record TF Serving cannot run fails the model's load, so every value is checked against the signature
 * (input names, dtypes, the dimensions it fixes) here, before anything is built.
 */
public final class WarmupRecords {
    /** {@code WarmupConsts::kMaxNumRecords} in TF Serving 2.18's saved_model_warmup_util.h; more fails the load. */
    static final int MAX_RECORDS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROWS = "instances";
    private static final String COLUMNS = "inputs";
    private static final String SIGNATURE_NAME = "signature_name";

    private WarmupRecords() {
    }

    /** The first input whose dtype cannot be written (e.g. DT_HALF), if any: then nothing is generated. */
    static Optional<TensorSpec> unwritableInput(List<TensorSpec> inputs) {
        return inputs.stream().filter(input -> !JsonTensor.writable(input.dtype())).findFirst();
    }

    /**
     * @param signature the signature the records call: the one the preflight checked
     * @param inputs    that signature's inputs
     * @throws IllegalArgumentException naming what in the request does not fit the signature
     */
    static List<PredictRequest> requests(String modelName, String signature, List<TensorSpec> inputs, String json) {
        JsonNode root = parse(json);
        JsonNode named = root.get(SIGNATURE_NAME);
        if (named != null && !signature.equals(named.asText())) {
            throw new IllegalArgumentException("it calls signature '" + named.asText() + "', but the model is served with"
                    + " signature '" + signature + "' (model.signature)");
        }
        ModelSpec spec = ModelSpec.newBuilder().setName(modelName).setSignatureName(signature).build();
        Map<String, TensorSpec> byName = new TreeMap<>();
        inputs.forEach(input -> byName.put(input.name(), input));
        List<Map<String, TensorProto>> tensors = root.has(ROWS) ? rows(root.get(ROWS), byName) : columns(root, byName);
        if (tensors.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("it has " + tensors.size()
                    + " distinct input shapes; TF Serving reads at most " + MAX_RECORDS + " warm-up records");
        }
        return tensors.stream().map(t -> PredictRequest.newBuilder().setModelSpec(spec).putAllInputs(t).build()).toList();
    }

    /** The records as TF Serving reads {@code assets.extra/tf_serving_warmup_requests}: framed PredictionLogs. */
    static byte[] file(List<PredictRequest> requests) {
        List<byte[]> records = requests.stream()
                .map(request -> PredictionLog.newBuilder()
                        .setPredictLog(PredictLog.newBuilder().setRequest(request)).build())
                .map(WarmupRecords::deterministicBytes)
                .toList();
        return TfRecord.frame(records);
    }

    /** Row format: examples grouped by their inputs' shapes, in order of first appearance; each group one request. */
    private static List<Map<String, TensorProto>> rows(JsonNode instances, Map<String, TensorSpec> inputs) {
        if (!instances.isArray() || instances.isEmpty()) {
            throw new IllegalArgumentException("\"" + ROWS + "\" must be a non-empty list, one element per example");
        }
        Map<List<List<Long>>, List<Map<String, JsonNode>>> groups = new LinkedHashMap<>();
        for (int i = 0; i < instances.size(); i++) {
            String where = "instance " + (i + 1);
            Map<String, JsonNode> example = named(instances.get(i), inputs, where);
            List<List<Long>> shapes = new ArrayList<>();
            example.forEach((name, value) ->
                    shapes.add(exampleShape(value, inputs.get(name), where + ", input '" + name + "'")));
            groups.computeIfAbsent(shapes, k -> new ArrayList<>()).add(example);
        }
        List<Map<String, TensorProto>> requests = new ArrayList<>();
        groups.forEach((shapes, examples) -> {
            Map<String, TensorProto> tensors = new TreeMap<>();
            int index = 0;
            for (String name : inputs.keySet()) {
                List<Long> shape = new ArrayList<>();
                shape.add((long) examples.size());
                shape.addAll(shapes.get(index++));
                List<JsonNode> values = examples.stream().map(example -> example.get(name)).toList();
                tensors.put(name, tensor(inputs.get(name), shape, values, "input '" + name + "'"));
            }
            requests.add(tensors);
        });
        return requests;
    }

    /** Columnar format: each input's whole tensor, batch dimension included; one request. */
    private static List<Map<String, TensorProto>> columns(JsonNode root, Map<String, TensorSpec> inputs) {
        if (!root.has(COLUMNS)) {
            throw new IllegalArgumentException("it needs \"" + ROWS + "\" (row format) or \"" + COLUMNS + "\" (columnar)");
        }
        Map<String, TensorProto> tensors = new TreeMap<>();
        named(root.get(COLUMNS), inputs, "\"" + COLUMNS + "\"").forEach((name, value) -> {
            String where = "input '" + name + "'";
            tensors.put(name, tensor(inputs.get(name), shapeOf(value, where), List.of(value), where));
        });
        return List.of(tensors);
    }

    /** A value per input: an object naming every input, or, for a one-input signature, that input's value. */
    private static Map<String, JsonNode> named(JsonNode value, Map<String, TensorSpec> inputs, String where) {
        Map<String, JsonNode> named = new TreeMap<>();
        if (JsonTensor.isLeaf(value) || value.isArray()) {
            if (inputs.size() != 1) {
                throw new IllegalArgumentException(where + " must be an object naming the signature's inputs "
                        + inputs.keySet());
            }
            named.put(inputs.keySet().iterator().next(), value);
            return named;
        }
        value.fields().forEachRemaining(field -> named.put(field.getKey(), field.getValue()));
        if (!named.keySet().equals(inputs.keySet())) {
            Set<String> unknown = new TreeSet<>(named.keySet());
            unknown.removeAll(inputs.keySet());
            Set<String> missing = new TreeSet<>(inputs.keySet());
            missing.removeAll(named.keySet());
            throw new IllegalArgumentException(where + " names inputs " + named.keySet() + ", but the signature takes "
                    + inputs.keySet() + (unknown.isEmpty() ? "" : "; unknown: " + unknown)
                    + (missing.isEmpty() ? "" : "; missing: " + missing));
        }
        return named;
    }

    /** One example's shape, checked against the signature's dimensions after the batch dimension. */
    private static List<Long> exampleShape(JsonNode value, TensorSpec input, String where) {
        List<Long> shape = shapeOf(value, where);
        List<Long> perExample = input.shape().isEmpty() ? List.of() : input.shape().subList(1, input.shape().size());
        if (!input.shape().isEmpty() && !fits(shape, perExample)) {
            throw new IllegalArgumentException(where + " has shape " + JsonTensor.text(shape) + ", but the signature takes "
                    + JsonTensor.text(input.shape()) + ": " + JsonTensor.text(perExample) + " per instance (-1: any size)");
        }
        return shape;
    }

    private static TensorProto tensor(TensorSpec input, List<Long> shape, List<JsonNode> values, String where) {
        if (!fits(shape, input.shape())) {
            throw new IllegalArgumentException(where + " has shape " + JsonTensor.text(shape) + ", but the signature takes "
                    + JsonTensor.text(input.shape()) + " (-1: any size)");
        }
        try {
            return JsonTensor.of(input.dtype(), shape, values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " " + e.getMessage(), e);
        }
    }

    /** An empty signature shape is an unknown rank (see TensorSpec): anything fits. */
    private static boolean fits(List<Long> shape, List<Long> signature) {
        if (signature.isEmpty()) {
            return true;
        }
        if (shape.size() != signature.size()) {
            return false;
        }
        for (int i = 0; i < shape.size(); i++) {
            if (signature.get(i) >= 0 && !signature.get(i).equals(shape.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<Long> shapeOf(JsonNode value, String where) {
        try {
            return JsonTensor.shape(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("it is not a JSON object with \"" + ROWS + "\" or \"" + COLUMNS + "\"");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("it is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Map entries sorted by key, so equal requests give equal bytes on every run (and equal image tags). */
    private static byte[] deterministicBytes(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.useDeterministicSerialization();
        try {
            message.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static String describeShapes(List<PredictRequest> requests) {
        return requests.stream().map(r -> r.getInputsMap().entrySet().stream()
                        .map(e -> e.getKey() + " " + JsonTensor.text(e.getValue().getTensorShape().getDimList().stream()
                                .map(d -> d.getSize()).toList()))
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }
}
