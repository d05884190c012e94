package gkeserving.program.image;

import tensorflow.serving.Predict.PredictRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The warm-up files the serving image gets beside the model, generated at build time from the model's sample
 * request ({@value #SAMPLE_REQUEST}, TF Serving's REST predict body): one per version directory that does not
 * ship its own {@code assets.extra/tf_serving_warmup_requests}. They go into the image, never into the model
 * directory (see {@link BuildContext}).
 *
 * @param files each file's path relative to the model directory ('/'-separated) → its bytes
 * @param notes what was generated, or why nothing was, for the preview log
 */
public record WarmupFiles(SortedMap<String, byte[]> files, List<String> notes) {
    /** Beside the versions in the model directory; the smoke test sends the same request. */
    public static final String SAMPLE_REQUEST = "sample-request.json";
    public static final WarmupFiles NONE = new WarmupFiles(new TreeMap<>(), List.of());

    public WarmupFiles {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        notes = List.copyOf(notes);
    }

    public boolean generated() {
        return !files.isEmpty();
    }

    /** Where TF Serving looks for a version's warm-up records, relative to the model directory. */
    static String path(long version) {
        return version + "/" + ModelPreflight.WARMUP_FILE.toString().replace('\\', '/');
    }

    /**
     * @param signature the signature the model is served with (checked by the preflight)
     * @throws ModelPreflightException when the sample request does not fit a version's signature: a record TF
     *                                 Serving cannot run would fail the model's load
     */
    static WarmupFiles generate(ModelReport model, String modelName, String signature) {
        Path sample = model.modelDir().resolve(SAMPLE_REQUEST);
        if (!Files.isRegularFile(sample)) {
            return new WarmupFiles(new TreeMap<>(), List.of("no warm-up records generated: no " + sample));
        }
        String json = read(sample);
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        for (ModelVersion version : model.versions()) {
            if (version.hasWarmupData()) {
                notes.add("version " + version.version() + ": its own warm-up records are used");
                continue;
            }
            var unwritable = WarmupRecords.unwritableInput(version.inputs());
            if (unwritable.isPresent()) {
                notes.add("version " + version.version() + ": no warm-up records generated: input '"
                        + unwritable.get().name() + "' is " + unwritable.get().dtype()
                        + ", which the generator does not write; ship " + path(version.version()) + " to warm it up");
                continue;
            }
            List<PredictRequest> requests = requests(sample, json, version, modelName, signature);
            files.put(path(version.version()), WarmupRecords.file(requests));
            notes.add("version " + version.version() + ": " + requests.size() + " warm-up record(s) generated from "
                    + sample + " (" + WarmupRecords.describeShapes(requests) + ")");
        }
        return new WarmupFiles(files, notes);
    }

    private static List<PredictRequest> requests(Path sample, String json, ModelVersion version, String modelName,
                                                 String signature) {
        try {
            return WarmupRecords.requests(modelName, signature, version.inputs(), json);
        } catch (IllegalArgumentException e) {
            throw new ModelPreflightException("The sample request " + sample + " does not fit signature '" + signature
                    + "' of version " + version.version() + ": " + e.getMessage() + ". Warm-up records are generated"
                    + " from it (and the smoke test sends it): fix it, or ship " + path(version.version())
                    + " for that version.");
        }
    }

    private static String read(Path sample) {
        try {
            return Files.readString(sample);
        } catch (IOException e) {
            throw new ModelPreflightException("Cannot read the sample request " + sample + ": " + e.getMessage() + ".");
        }
    }
}
