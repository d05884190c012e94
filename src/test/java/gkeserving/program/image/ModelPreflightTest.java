package gkeserving.program.image;

import static gkeserving.program.TestFiles.copyTree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.SavedModel;

class ModelPreflightTest {

    /** The shipped sample, relative to the project root where Maven runs the tests. */
    private static final Path IRIS = Path.of("models", "iris");
    private static final String SIGNATURE = "serving_default";

    @TempDir
    Path tmp;

    @Test
    void acceptsTheShippedIrisModel() {
        ModelReport report = ModelPreflight.check(IRIS, SIGNATURE);

        assertThat(report.modelName()).isEqualTo("iris");
        assertThat(report.modelDir()).isEqualTo(IRIS);
        assertThat(report.versions()).extracting(ModelVersion::version).containsExactly(1L);
        ModelVersion version = report.latest();
        assertThat(version.dir()).isEqualTo(IRIS.resolve("1"));
        assertThat(version.inputs()).containsExactly(new TensorSpec("features", "DT_FLOAT", List.of(-1L, 4L)));
        assertThat(version.outputs()).containsExactly(new TensorSpec("probabilities", "DT_FLOAT", List.of(-1L, 3L)));
        assertThat(version.hasWarmupData()).isFalse();
    }

    @Test
    void describeSummarisesVersionsAndSignatureTensors() {
        String description = ModelPreflight.check(IRIS, SIGNATURE).describe();

        assertThat(description).isEqualTo("""
                model 'iris' at models/iris: 1 version
                  version 1: features DT_FLOAT [-1,4] -> probabilities DT_FLOAT [-1,3]; no warm-up data""");
    }

    @Test
    void readsEveryVersionInNumericOrderAndSeesWarmupData() throws IOException {
        Path model = copyOfIris();
        copyTree(model.resolve("1"), model.resolve("2"));
        copyTree(model.resolve("1"), model.resolve("10"));
        Path warmup = model.resolve("10").resolve("assets.extra").resolve("tf_serving_warmup_requests");
        Files.createDirectories(warmup.getParent());
        Files.write(warmup, new byte[] {0});

        ModelReport report = ModelPreflight.check(model, SIGNATURE);

        assertThat(report.versions()).extracting(ModelVersion::version).containsExactly(1L, 2L, 10L);
        assertThat(report.versions()).extracting(ModelVersion::hasWarmupData).containsExactly(false, false, true);
        assertThat(report.latest().dir()).isEqualTo(model.resolve("10"));
        assertThat(report.describe()).contains("3 versions", "version 10: ", "; warm-up data");
    }

    @Test
    void ignoresHiddenEntriesAndFilesBesideTheVersions() throws IOException {
        Path model = copyOfIris(); // carries sample-request.json beside 1/
        Files.createDirectories(model.resolve(".snapshot"));
        Files.writeString(model.resolve(".DS_Store"), "x");

        assertThat(ModelPreflight.check(model, SIGNATURE).versions()).extracting(ModelVersion::version)
                .containsExactly(1L);
    }

    @Test
    void rejectsAMissingModelDirectory() {
        Path missing = tmp.resolve("nope");

        assertThatThrownBy(() -> ModelPreflight.check(missing, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("<version>/saved_model.pb");
    }

    @Test
    void rejectsAFileGivenAsTheModelDirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("iris"), "not a directory");

        assertThatThrownBy(() -> ModelPreflight.check(file, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is not a directory");
    }

    @Test
    void rejectsAModelWithoutAVersionDirectory() throws IOException {
        Path model = copyOfIris();
        deleteTree(model.resolve("1"));

        assertThatThrownBy(() -> ModelPreflight.check(model, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(model.toString())
                .hasMessageContaining("has no version directory")
                .hasMessageContaining(model.resolve("1").resolve("saved_model.pb").toString());
    }

    @Test
    void rejectsANonNumericDirectoryAtVersionLevel() throws IOException {
        Path model = copyOfIris();
        Path misplaced = model.resolve("v2");
        copyTree(model.resolve("1"), misplaced);

        assertThatThrownBy(() -> ModelPreflight.check(model, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(misplaced.toString())
                .hasMessageContaining("non-negative integer");
    }

    @Test
    void rejectsAVersionNumberBeyondInt64() throws IOException {
        Path model = copyOfIris();
        Path tooLarge = Files.createDirectory(model.resolve("99999999999999999999"));

        assertThatThrownBy(() -> ModelPreflight.check(model, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(tooLarge.toString())
                .hasMessageContaining("non-negative integer");
    }

    @Test
    void rejectsAVersionDirectoryWithoutSavedModelPb() throws IOException {
        Path model = copyOfIris();
        Files.delete(model.resolve("1").resolve("saved_model.pb"));

        assertThatThrownBy(() -> ModelPreflight.check(model, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(model.resolve("1").toString())
                .hasMessageContaining("has no saved_model.pb");
    }

    @Test
    void rejectsACorruptSavedModelPb() throws IOException {
        Path model = copyOfIris();
        Path savedModelPb = model.resolve("1").resolve("saved_model.pb");
        Files.writeString(savedModelPb, "this is not a protobuf");

        assertThatThrownBy(() -> ModelPreflight.check(model, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(savedModelPb.toString())
                .hasMessageContaining("is not a valid SavedModel protobuf");
    }

    @Test
    void rejectsAMissingSignatureAndListsTheOnesThatExist() throws IOException {
        Path model = copyOfIris();

        assertThatThrownBy(() -> ModelPreflight.check(model, "predict_v2"))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(model.resolve("1").resolve("saved_model.pb").toString())
                .hasMessageContaining("no signature 'predict_v2'")
                .hasMessageContaining("signatures found: [serving_default]");
    }

    @Test
    void rejectsAModelWithoutAServeMetaGraph() throws IOException {
        Path model = copyOfIris();
        Path savedModelPb = model.resolve("1").resolve("saved_model.pb");
        rewrite(savedModelPb, savedModel -> savedModel.getMetaGraphsBuilder(0).getMetaInfoDefBuilder()
                .clearTags().addTags("train"));

        assertThatThrownBy(() -> ModelPreflight.check(model, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(savedModelPb.toString())
                .hasMessageContaining("no MetaGraph tagged 'serve'")
                .hasMessageContaining("tag sets found: [[train]]");
    }

    @Test
    void rejectsAServeMetaGraphWithExtraTagsBecauseTfServingMatchesTheWholeSet() throws IOException {
        Path model = copyOfIris();
        Path savedModelPb = model.resolve("1").resolve("saved_model.pb");
        rewrite(savedModelPb, savedModel -> savedModel.getMetaGraphsBuilder(0).getMetaInfoDefBuilder()
                .addTags("gpu"));

        assertThatThrownBy(() -> ModelPreflight.check(model, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(savedModelPb.toString())
                .hasMessageContaining("tag sets found: [[gpu, serve]]");
    }

    @Test
    void rejectsASignatureWithoutInputs() throws IOException {
        Path model = copyOfIris();
        Path savedModelPb = model.resolve("1").resolve("saved_model.pb");
        rewrite(savedModelPb, savedModel -> {
            var metaGraph = savedModel.getMetaGraphsBuilder(0);
            metaGraph.putSignatureDef(SIGNATURE, metaGraph.getSignatureDefOrThrow(SIGNATURE).toBuilder()
                    .clearInputs().build());
        });

        assertThatThrownBy(() -> ModelPreflight.check(model, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(savedModelPb.toString())
                .hasMessageContaining("signature 'serving_default' has no inputs");
    }

    @Test
    void aSymlinkedVersionDirectoryIsRefusedAsTheImageBuildWouldNotFollowIt() throws IOException {
        Path real = copyTree(IRIS.resolve("1"), tmp.resolve("elsewhere/1"));
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.createSymbolicLink(model.resolve("1"), real);

        assertThatThrownBy(() -> ModelPreflight.check(model, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining(model.resolve("1") + " in model directory " + model + " is a symbolic link (to " + real + ")")
                .hasMessageContaining("Docker copies the link, not the files it points at");
    }

    @Test
    void aSymlinkDeepInsideAVersionIsRefusedToo() throws IOException {
        Path model = copyOfIris();
        Path variables = model.resolve("1/variables");
        Path moved = Files.move(variables, tmp.resolve("variables-elsewhere"));
        Files.createSymbolicLink(variables, moved);

        assertThatThrownBy(() -> ModelPreflight.check(model, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class).hasMessageContaining(variables + " in model directory");
    }

    @Test
    void aSymlinkedModelDirectoryIsRefused() throws IOException {
        Path real = copyOfIris();
        Path link = Files.createSymbolicLink(tmp.resolve("linked-iris"), real);

        assertThatThrownBy(() -> ModelPreflight.check(link, SIGNATURE))
                .isInstanceOf(ModelPreflightException.class)
                .hasMessageContaining("Model directory " + link + " is a symbolic link (to " + real + ")");
    }

    private Path copyOfIris() throws IOException {
        Path copy = tmp.resolve("iris");
        copyTree(IRIS, copy);
        return copy;
    }

    /** Rewrites a saved_model.pb with TensorFlow's own proto builder. */
    private static void rewrite(Path savedModelPb, Consumer<SavedModel.Builder> change) throws IOException {
        SavedModel.Builder savedModel = SavedModel.parseFrom(Files.readAllBytes(savedModelPb)).toBuilder();
        change.accept(savedModel);
        Files.write(savedModelPb, savedModel.build().toByteArray());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
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
