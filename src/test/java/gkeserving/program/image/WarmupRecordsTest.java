package gkeserving.program.image;

import com.google.protobuf.ByteString;
import gkeserving.program.Fixtures;
import gkeserving.program.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.TensorProto;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.PredictionLogOuterClass.PredictionLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The warm-up file TF Serving reads at load time, decoded as it decodes it. */
class WarmupRecordsTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final DockerDaemon ANSWERS = host -> Optional.empty();
    private static final TensorSpec FEATURES = new TensorSpec("features", "DT_FLOAT", List.of(-1L, 4L));

    @TempDir
    Path tmp;

    /** A project holding the shipped model and Dockerfile, to change freely. */
    private Path project() throws IOException {
        Path project = tmp.resolve("project");
        TestFiles.copyTree(PROJECT.resolve("models/iris"), project.resolve("models/iris"));
        TestFiles.copyTree(PROJECT.resolve("serving"), project.resolve("serving"));
        return project;
    }

    private static List<PredictionLog> decode(byte[] file) throws IOException {
        List<PredictionLog> logs = new java.util.ArrayList<>();
        for (byte[] record : TfRecordReader.read(file)) {
            logs.add(PredictionLog.parseFrom(record));
        }
        return logs;
    }

    private static List<Long> dims(TensorProto tensor) {
        return tensor.getTensorShape().getDimList().stream().map(d -> d.getSize()).toList();
    }

    @Test
    void theShippedSampleRequestBecomesOneFramedPredictionLogHoldingItsInstances() throws IOException {
        var preflight = ImagePreflight.check(Fixtures.settings("dev"), PROJECT, ANSWERS, Optional.empty());

        byte[] file = preflight.warmup().files().get("1/assets.extra/tf_serving_warmup_requests");
        List<PredictionLog> logs = decode(file);

        assertThat(logs).singleElement().satisfies(log -> {
            assertThat(log.getLogTypeCase()).isEqualTo(PredictionLog.LogTypeCase.PREDICT_LOG);
            PredictRequest request = log.getPredictLog().getRequest();
            assertThat(request.getModelSpec().getName()).isEqualTo("iris");
            assertThat(request.getModelSpec().getSignatureName()).isEqualTo("serving_default");
            TensorProto features = request.getInputsOrThrow("features");
            assertThat(features.getDtype()).isEqualTo(DataType.DT_FLOAT);
            assertThat(dims(features)).containsExactly(3L, 4L);
            // models/iris/sample-request.json, row by row
            assertThat(features.getFloatValList()).containsExactly(
                    5.1f, 3.5f, 1.4f, 0.2f, 7.0f, 3.2f, 4.7f, 1.4f, 6.3f, 3.3f, 6.0f, 2.5f);
        });
        assertThat(preflight.warmupData()).isTrue();
        assertThat(preflight.notes()).singleElement().asString()
                .contains("warm-up: version 1: 1 warm-up record(s) generated from", "sample-request.json", "features [3,4]");
    }

    @Test
    void theFramingIsTensorFlowsWithMaskedCrc32c() {
        // CRC32C("123456789") = 0xE3069283 (RFC 3720's check value); masked: rotate right by 15, add 0xa282ead8.
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        int rotated = Integer.rotateRight(0xE3069283, 15);
        assertThat(TfRecord.maskedCrc32c(check)).isEqualTo(rotated + 0xa282ead8);

        byte[] framed = TfRecord.frame(List.of(check, new byte[0]));
        assertThat(framed).hasSize(2 * (8 + 4 + 4) + check.length);
        assertThat(TfRecordReader.read(framed)).containsExactly(check, new byte[0]);

        framed[14] ^= 1; // one bit of the first record's data
        assertThatThrownBy(() -> TfRecordReader.read(framed)).hasMessageContaining("data CRC mismatch");
    }

    @Test
    void oneRecordPerDistinctInputShape() throws IOException {
        var sequence = new TensorSpec("tokens", "DT_INT64", List.of(-1L, -1L));
        String sample = "{\"instances\": [[1, 2, 3, 4], [5, 6], [7, 8, 9, 10], [11, 12]]}";

        List<PredictionLog> logs = decode(WarmupRecords.file(
                WarmupRecords.requests("m", "serving_default", List.of(sequence), sample)));

        assertThat(logs).hasSize(2);
        TensorProto four = logs.get(0).getPredictLog().getRequest().getInputsOrThrow("tokens");
        TensorProto two = logs.get(1).getPredictLog().getRequest().getInputsOrThrow("tokens");
        assertThat(dims(four)).containsExactly(2L, 4L);
        assertThat(four.getInt64ValList()).containsExactly(1L, 2L, 3L, 4L, 7L, 8L, 9L, 10L);
        assertThat(dims(two)).containsExactly(2L, 2L);
        assertThat(two.getInt64ValList()).containsExactly(5L, 6L, 11L, 12L);
    }

    @Test
    void namedInputsBytesAndTheColumnarFormatAreWrittenAsTfServingReadsThem() {
        var image = new TensorSpec("image", "DT_STRING", List.of(-1L));
        var scale = new TensorSpec("scale", "DT_DOUBLE", List.of(-1L));
        String rows = "{\"instances\": [{\"image\": {\"b64\": \"AAEC\"}, \"scale\": 0.5}]}";
        String columns = "{\"inputs\": {\"image\": [\"abc\"], \"scale\": [2]}}";

        PredictRequest fromRows = WarmupRecords.requests("vit", "serving_default", List.of(image, scale), rows).get(0);
        PredictRequest fromColumns = WarmupRecords.requests("vit", "serving_default", List.of(image, scale), columns).get(0);

        assertThat(fromRows.getInputsOrThrow("image").getStringValList()).containsExactly(ByteString.copyFrom(new byte[] {0, 1, 2}));
        assertThat(fromRows.getInputsOrThrow("scale").getDoubleValList()).containsExactly(0.5);
        assertThat(fromColumns.getInputsOrThrow("image").getStringValList()).containsExactly(ByteString.copyFromUtf8("abc"));
        assertThat(dims(fromColumns.getInputsOrThrow("scale"))).containsExactly(1L);
    }

    @Test
    void equalSamplesGiveEqualBytes() {
        String sample = "{\"instances\": [[1, 2, 3, 4]]}";
        byte[] first = WarmupRecords.file(WarmupRecords.requests("m", "s", List.of(FEATURES), sample));
        byte[] second = WarmupRecords.file(WarmupRecords.requests("m", "s", List.of(FEATURES), sample));

        assertThat(first).isEqualTo(second);
    }

    @Test
    void aSampleThatDoesNotFitTheSignatureIsRefusedNamingWhatDoesNot() {
        Map<String, String> problems = Map.of(
                "{\"instances\": [[1, 2, 3, 4], [1, 2, 3]]}", "instance 2, input 'features' has shape [3], but the signature takes [-1,4]: [4] per instance",
                "{\"inputs\": [1, 2, 3, 4]}", "input 'features' has shape [4], but the signature takes [-1,4]",
                "{\"instances\": [[[1, 2], [3]]]}", "is ragged",
                "{\"instances\": [[1, 2, 3, \"x\"]]}", "needs a number",
                "{\"instances\": [{\"feature\": [1, 2, 3, 4]}]}", "unknown: [feature]; missing: [features]",
                "{\"signature_name\": \"predict\", \"instances\": [[1, 2, 3, 4]]}", "calls signature 'predict'",
                "{\"rows\": []}", "needs \"instances\"",
                "not json", "not valid JSON");

        problems.forEach((sample, problem) -> assertThatThrownBy(
                () -> WarmupRecords.requests("m", "serving_default", List.of(FEATURES), sample))
                .as(sample).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem));
    }

    @Test
    void aMisfitSampleStopsThePreflightWithOneSentenceNamingTheFileAndVersion() throws IOException {
        Path project = project();
        Files.writeString(project.resolve("models/iris/sample-request.json"), "{\"instances\": [[1, 2, 3]]}");

        var result = ImagePreflight.check(Fixtures.settings("dev"), project, ANSWERS, Optional.empty());

        assertThat(result.failure()).get().asString()
                .contains(project.resolve("models/iris/sample-request.json").toString(), "version 1",
                        "instance 1, input 'features' has shape [3]", "1/assets.extra/tf_serving_warmup_requests");
    }

    @Test
    void withoutASampleOrWithItsOwnWarmupFileNothingIsGenerated() throws IOException {
        Path project = project();
        Files.delete(project.resolve("models/iris/sample-request.json"));

        var withoutSample = ImagePreflight.check(Fixtures.settings("dev"), project, ANSWERS, Optional.empty());
        assertThat(withoutSample.warmup().generated()).isFalse();
        assertThat(withoutSample.warmupData()).isFalse();

        Files.copy(PROJECT.resolve("models/iris/sample-request.json"), project.resolve("models/iris/sample-request.json"));
        Path own = project.resolve("models/iris/1/assets.extra/tf_serving_warmup_requests");
        Files.createDirectories(own.getParent());
        Files.write(own, TfRecord.frame(List.of()));
        var withOwn = ImagePreflight.check(Fixtures.settings("dev"), project, ANSWERS, Optional.empty());
        assertThat(withOwn.warmup().generated()).isFalse();
        assertThat(withOwn.warmupData()).isTrue();
        assertThat(withOwn.notes()).singleElement().asString().contains("version 1: its own warm-up records are used");
    }

    @Test
    void anInputTypeTheGeneratorCannotWriteSkipsGenerationWithANote() {
        var half = new TensorSpec("x", "DT_HALF", List.of(-1L));

        assertThat(WarmupRecords.unwritableInput(List.of(FEATURES, half))).contains(half);
        assertThat(WarmupRecords.unwritableInput(List.of(FEATURES))).isEmpty();
    }
}
