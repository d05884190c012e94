package gkeserving.modelgen;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.TFloat32;

/**
 * Writes the shipped sample model {@code models/iris/1} (SavedModel, tag {@code serve}, signature
 * {@code serving_default}: {@code features} float32 [-1,4] → {@code probabilities} float32 [-1,3])
 * and {@code models/iris/sample-request.json}, then loads the export back and checks that each
 * sample row is classified as its known species.
 *
 * <p>Usage: {@code IrisModelGenerator <models-dir>}.
 */
public final class IrisModelGenerator {

    static final String MODEL_NAME = "iris";
    static final long VERSION = 1;
    static final String SIGNATURE = Signature.DEFAULT_KEY; // "serving_default"
    static final String TAG = SavedModelBundle.DEFAULT_TAG; // "serve"
    static final String INPUT = "features";
    static final String OUTPUT = "probabilities";
    /** TF Serving's Predict API method; TF Java leaves it empty unless told. */
    static final String PREDICT_METHOD = "tensorflow/serving/predict";

    /** Rows 1, 51 and 101 of Fisher's iris data: one of each species, in class order. */
    static final float[][] SAMPLE_ROWS = {
        {5.1f, 3.5f, 1.4f, 0.2f}, // setosa
        {7.0f, 3.2f, 4.7f, 1.4f}, // versicolor
        {6.3f, 3.3f, 6.0f, 2.5f}, // virginica
    };

    private IrisModelGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: IrisModelGenerator <models-dir>");
            System.exit(2);
        }
        Path modelBase = Path.of(args[0]).toAbsolutePath().normalize().resolve(MODEL_NAME);
        Path versionDir = modelBase.resolve(Long.toString(VERSION));

        export(versionDir);
        Path request = modelBase.resolve("sample-request.json");
        Files.writeString(request, sampleRequestJson());
        System.out.println("wrote " + versionDir + " and " + request);

        float[][] probabilities = predict(versionDir, SAMPLE_ROWS);
        checkEachRowIsItsOwnClass(probabilities);
    }

    /** Builds the graph and exports it, replacing any earlier export of this version. */
    static void export(Path versionDir) throws IOException {
        deleteRecursively(versionDir);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> features = tf.withName(INPUT)
                    .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, IrisWeights.FEATURES)));
            // Variables (not constants) so the export has a real variables/ checkpoint, like a
            // trained model, and TF Serving exercises its restore path.
            Operand<TFloat32> weights = tf.withName("weights").variable(tf.constant(IrisWeights.weights()));
            Operand<TFloat32> bias = tf.withName("bias").variable(tf.constant(IrisWeights.bias()));
            Operand<TFloat32> logits = tf.withName("logits")
                    .math.add(tf.linalg.matMul(features, weights), bias);
            Operand<TFloat32> probabilities = tf.withName(OUTPUT).nn.softmax(logits);

            Signature signature = Signature.builder()
                    .key(SIGNATURE)
                    .methodName(PREDICT_METHOD)
                    .input(INPUT, features)
                    .output(OUTPUT, probabilities)
                    .build();
            SavedModelBundle.exporter(versionDir.toString())
                    .withTags(TAG)
                    .withFunction(SessionFunction.create(signature, session))
                    .export();
        }
        rewriteDeterministically(versionDir.resolve("saved_model.pb"));
    }

    /**
     * TensorFlow writes proto maps (node attributes) in hash order, so every run produced
     * different bytes for the same model; sorting the map entries makes a regeneration with
     * unchanged weights leave git with nothing to commit. The content is unchanged, and the
     * self-check loads this rewritten file.
     */
    static void rewriteDeterministically(Path savedModelPb) throws IOException {
        SavedModel model = SavedModel.parseFrom(Files.readAllBytes(savedModelPb));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.useDeterministicSerialization();
        model.writeTo(out);
        out.flush();
        Files.write(savedModelPb, bytes.toByteArray());
    }

    /** Loads the export with TensorFlow itself and runs the serving signature. */
    static float[][] predict(Path versionDir, float[][] rows) {
        try (SavedModelBundle bundle = SavedModelBundle.load(versionDir.toString(), TAG);
                TFloat32 input = TFloat32.tensorOf(StdArrays.ndCopyOf(rows));
                Result result = bundle.function(SIGNATURE).call(Map.of(INPUT, input))) {
            TFloat32 output = (TFloat32) result.get(OUTPUT).orElseThrow(
                    () -> new IllegalStateException("signature has no output " + OUTPUT));
            return StdArrays.array2dCopyOf(output);
        }
    }

    private static void checkEachRowIsItsOwnClass(float[][] probabilities) {
        for (int row = 0; row < probabilities.length; row++) {
            int predicted = argMax(probabilities[row]);
            System.out.printf("self-check: %s -> %s %s%n",
                    Arrays.toString(SAMPLE_ROWS[row]),
                    IrisWeights.CLASSES[predicted],
                    Arrays.toString(probabilities[row]));
            if (predicted != row) {
                throw new IllegalStateException("self-check failed: sample row " + row + " is "
                        + IrisWeights.CLASSES[row] + " but the model predicts "
                        + IrisWeights.CLASSES[predicted]);
            }
        }
        System.out.println("self-check passed: the exported model loads and classifies every sample row");
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** TF Serving REST {@code :predict} body, row format: one plain list per instance. */
    static String sampleRequestJson() {
        StringBuilder json = new StringBuilder("{\n  \"signature_name\": \"" + SIGNATURE + "\",\n  \"instances\": [\n");
        for (int row = 0; row < SAMPLE_ROWS.length; row++) {
            json.append("    [");
            for (int f = 0; f < SAMPLE_ROWS[row].length; f++) {
                json.append(f == 0 ? "" : ", ").append(SAMPLE_ROWS[row][f]);
            }
            json.append(row == SAMPLE_ROWS.length - 1 ? "]\n" : "],\n");
        }
        return json.append("  ]\n}\n").toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
