package gkeserving.program.config;

/** {@code gke-gpu-serving:model}: the SavedModel to serve, as {@code <path>/<version>/saved_model.pb}. */
public record ModelSettings(String name, String path, String signature) {
    static ModelSettings read(ConfigReader r) {
        String path = r.string("path", "models/iris");
        var s = new ModelSettings(r.string("name", nameFromPath(path)), path, r.string("signature", "serving_default"));
        r.rejectUnknownKeys();
        return s;
    }

    /**
     * The name a model gets without {@code model.name}: the last directory of {@code model.path}. Plain text
     * work, not {@code Path.of}, which throws on text that is no path (a NUL byte) before the path is validated.
     */
    static String nameFromPath(String path) {
        String trimmed = path.replaceAll("[/\\\\]+$", "");
        return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    }

    /** Where the model lives in the serving image; TF Serving's {@code base_path}. */
    public String basePathInImage() {
        return "/models/" + name;
    }
}
