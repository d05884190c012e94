package gkeserving.program.config;

import java.nio.file.Path;

/** {@code gke-gpu-serving:model}: the SavedModel to serve, as {@code <path>/<version>/saved_model.pb}. */
public record ModelSettings(String name, String path, String signature) {
    static ModelSettings read(ConfigReader r) {
        String path = r.string("path", "models/iris");
        String defaultName = Path.of(path).getFileName() == null ? path : Path.of(path).getFileName().toString();
        var s = new ModelSettings(r.string("name", defaultName), path, r.string("signature", "serving_default"));
        r.rejectUnknownKeys();
        return s;
    }

    /** Where the model lives in the serving image; TF Serving's {@code base_path}. */
    public String basePathInImage() {
        return "/models/" + name;
    }
}
