package gkeserving.program.image;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Checks a model base path before the serving image is built, so a broken model fails
 * {@code pulumi preview} with one sentence instead of a crash-looping TF Serving pod later.
 *
 * <p>Layout checked, as TF Serving reads it: {@code <modelDir>/<version>/saved_model.pb}, with
 * numeric version directories. Regular files beside the versions (such as a sample request) and
 * hidden entries are ignored; any other directory there is an error because it is almost always a
 * misplaced export (TF Serving would silently skip it). Parsing uses TensorFlow's own proto
 * classes; no TensorFlow native code runs.
 */
public final class ModelPreflight {

    static final String SAVED_MODEL_FILE = "saved_model.pb";
    static final String SERVE_TAG = "serve";
    static final Path WARMUP_FILE = Path.of("assets.extra", "tf_serving_warmup_requests");

    private static final String EXPECTED_LAYOUT =
            "expected <model>/<version>/saved_model.pb, e.g. models/iris/1/saved_model.pb";

    private ModelPreflight() {}

    /**
     * Checks every version under {@code modelDir} for a loadable {@code serve} MetaGraph that has
     * {@code signatureName} with at least one input and one output.
     *
     * @throws ModelPreflightException naming the offending path, what is wrong and what is expected
     */
    public static ModelReport check(Path modelDir, String signatureName) {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(signatureName, "signatureName");
        requireDirectory(modelDir);
        refuseLinks(modelDir);
        List<ModelVersion> versions = new ArrayList<>();
        for (Map.Entry<Long, Path> version : versionDirs(modelDir).entrySet()) {
            versions.add(checkVersion(version.getKey(), version.getValue(), signatureName));
        }
        return new ModelReport(modelDir.toAbsolutePath().normalize().getFileName().toString(), modelDir, versions);
    }

    private static void requireDirectory(Path modelDir) {
        if (!Files.exists(modelDir)) {
            throw new ModelPreflightException("Model directory " + modelDir + " does not exist; " + EXPECTED_LAYOUT + ".");
        }
        if (!Files.isDirectory(modelDir)) {
            throw new ModelPreflightException("Model path " + modelDir + " is not a directory; " + EXPECTED_LAYOUT + ".");
        }
    }

    /**
     * The model directory is the image build's context, and Docker sends a context's symbolic links as links: the
     * files behind them never reach the image (TF Serving would find a dangling link), and the content tag, which
     * hashes what Docker sends, would not change when they do, so a changed model would never be rebuilt. Checking
     * through a link here would pass a model that is not the one served: links are refused, hidden ones too (Docker
     * copies hidden files as well).
     */
    private static void refuseLinks(Path modelDir) {
        if (Files.isSymbolicLink(modelDir)) {
            throw new ModelPreflightException("Model directory " + modelDir + " is a symbolic link (to " + target(modelDir)
                    + "): the image build would not follow it to the model's files; point the model path at the directory itself.");
        }
        try (Stream<Path> walk = Files.walk(modelDir)) {
            walk.filter(Files::isSymbolicLink).sorted().findFirst().ifPresent(link -> {
                throw new ModelPreflightException(link + " in model directory " + modelDir + " is a symbolic link (to "
                        + target(link) + "): Docker copies the link, not the files it points at, into the image, and the"
                        + " image's content tag would not see them change; put the files themselves there.");
            });
        } catch (IOException e) {
            throw new ModelPreflightException("Cannot list model directory " + modelDir + ": " + e.getMessage() + ".");
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "an unreadable target";
        }
    }

    /** The numeric version directories, by ascending version. */
    private static TreeMap<Long, Path> versionDirs(Path modelDir) {
        TreeMap<Long, Path> versions = new TreeMap<>();
        for (Path child : list(modelDir)) {
            String name = child.getFileName().toString();
            if (name.startsWith(".") || !Files.isDirectory(child)) {
                continue;
            }
            versions.put(parseVersion(child, name), child);
        }
        if (versions.isEmpty()) {
            throw new ModelPreflightException("Model directory " + modelDir
                    + " has no version directory; expected a numeric subdirectory holding the SavedModel, e.g. "
                    + modelDir.resolve("1").resolve(SAVED_MODEL_FILE) + ".");
        }
        return versions;
    }

    private static long parseVersion(Path versionDir, String name) {
        // TF Serving reads versions as non-negative int64 directory names.
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(name);
            } catch (NumberFormatException tooLarge) {
                // falls through to the message below
            }
        }
        throw new ModelPreflightException("Directory " + versionDir + " is not a version directory:"
                + " directories in " + versionDir.getParent() + " must be named by a non-negative integer"
                + " (e.g. " + versionDir.resolveSibling("1") + ") and hold a SavedModel; move this one elsewhere.");
    }

    private static ModelVersion checkVersion(long version, Path versionDir, String signatureName) {
        Path savedModelPb = versionDir.resolve(SAVED_MODEL_FILE);
        if (!Files.isRegularFile(savedModelPb)) {
            throw new ModelPreflightException("Version directory " + versionDir + " has no " + SAVED_MODEL_FILE
                    + "; expected a SavedModel export there (saved_model.pb and variables/).");
        }
        MetaGraphDef serveGraph = serveMetaGraph(readSavedModel(savedModelPb), savedModelPb);
        SignatureDef signature = signature(serveGraph, signatureName, savedModelPb);
        List<TensorSpec> inputs = tensorSpecs(signature.getInputsMap());
        List<TensorSpec> outputs = tensorSpecs(signature.getOutputsMap());
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new ModelPreflightException(savedModelPb + ": signature '" + signatureName + "' has no "
                    + (inputs.isEmpty() ? "inputs" : "outputs")
                    + "; TF Serving needs at least one input and one output to serve predictions.");
        }
        boolean hasWarmupData = Files.isRegularFile(versionDir.resolve(WARMUP_FILE));
        return new ModelVersion(version, versionDir, inputs, outputs, hasWarmupData);
    }

    private static SavedModel readSavedModel(Path savedModelPb) {
        try (InputStream in = Files.newInputStream(savedModelPb)) {
            return SavedModel.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelPreflightException(savedModelPb + " is not a valid SavedModel protobuf ("
                    + withoutFinalPeriod(e.getMessage()) + "); expected the binary saved_model.pb written by a SavedModel export.");
        } catch (IOException e) {
            throw new ModelPreflightException("Cannot read " + savedModelPb + ": " + e.getMessage() + ".");
        }
    }

    /**
     * TF Serving loads the MetaGraph whose tag set is exactly {serve} (TensorFlow's loader compares
     * whole tag sets), so {serve, gpu} alone would not load with the default flags.
     */
    private static MetaGraphDef serveMetaGraph(SavedModel savedModel, Path savedModelPb) {
        List<Set<String>> tagSets = new ArrayList<>();
        for (MetaGraphDef metaGraph : savedModel.getMetaGraphsList()) {
            Set<String> tags = new TreeSet<>(metaGraph.getMetaInfoDef().getTagsList());
            if (tags.equals(Set.of(SERVE_TAG))) {
                return metaGraph;
            }
            tagSets.add(tags);
        }
        throw new ModelPreflightException(savedModelPb + " has no MetaGraph tagged '" + SERVE_TAG
                + "' (tag sets found: " + (tagSets.isEmpty() ? "none" : tagSets)
                + "); TF Serving loads the MetaGraph whose tags are exactly [" + SERVE_TAG + "].");
    }

    private static SignatureDef signature(MetaGraphDef serveGraph, String signatureName, Path savedModelPb) {
        SignatureDef signature = serveGraph.getSignatureDefMap().get(signatureName);
        if (signature == null) {
            throw new ModelPreflightException(savedModelPb + ": the '" + SERVE_TAG + "' MetaGraph has no signature '"
                    + signatureName + "' (signatures found: " + servableSignatureNames(serveGraph)
                    + "); set the serving signature to one of these or re-export the model with it.");
        }
        return signature;
    }

    /** Signature keys a client could call; TF2 exports add internal ones such as __saved_model_init_op. */
    private static List<String> servableSignatureNames(MetaGraphDef serveGraph) {
        return serveGraph.getSignatureDefMap().keySet().stream()
                .filter(name -> !name.startsWith("__"))
                .sorted()
                .toList();
    }

    private static List<TensorSpec> tensorSpecs(Map<String, TensorInfo> tensors) {
        return new TreeMap<>(tensors).entrySet().stream()
                .map(tensor -> new TensorSpec(tensor.getKey(), tensor.getValue().getDtype().name(),
                        shape(tensor.getValue().getTensorShape())))
                .toList();
    }

    /** Dimension sizes, -1 where unknown; empty when the rank itself is unknown (see {@link TensorSpec}). */
    private static List<Long> shape(TensorShapeProto shape) {
        if (shape.getUnknownRank()) {
            return List.of();
        }
        return shape.getDimList().stream().map(TensorShapeProto.Dim::getSize).toList();
    }

    private static String withoutFinalPeriod(String text) {
        return text != null && text.endsWith(".") ? text.substring(0, text.length() - 1) : String.valueOf(text);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new ModelPreflightException("Cannot list model directory " + dir + ": " + e.getMessage() + ".");
        }
    }
}
