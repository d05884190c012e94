package gkeserving.tools.render.check;

/**
 * One thing wrong with one manifest.
 *
 * @param source  where the manifest came from (a file name), for the reader
 * @param path    JSON-path-like location inside the manifest, e.g.
 *                {@code spec.template.spec.containers[0].ports[1].containerport};
 *                empty when the problem concerns the whole document
 * @param message what is wrong and, where possible, what is allowed
 */
public record SchemaProblem(String source, String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? source + ": " + message : source + ": " + path + ": " + message;
    }
}
