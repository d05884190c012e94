package gkeserving.program.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the model preflight found in a model base path ({@code models/<name>}).
 *
 * @param modelName the base path's directory name, which is the name TF Serving serves it under
 * @param versions  every version directory, in ascending version order; never empty
 */
public record ModelReport(String modelName, Path modelDir, List<ModelVersion> versions) {

    public ModelReport {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelDir, "modelDir");
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a model report needs at least one version");
        }
    }

    /** The version TF Serving's default version policy (latest) serves. */
    public ModelVersion latest() {
        return versions.get(versions.size() - 1);
    }

    /** A short summary for preview logs: one line for the model, one per version. */
    public String describe() {
        String header = "model '" + modelName + "' at " + modelDir + ": "
                + versions.size() + (versions.size() == 1 ? " version" : " versions");
        return versions.stream()
                .map(version -> "  " + version.describe())
                .collect(Collectors.joining("\n", header + "\n", ""));
    }
}
