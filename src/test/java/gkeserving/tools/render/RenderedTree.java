package gkeserving.tools.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a render directory as relative path → text, for comparing renders. Render's record of what it
 * wrote ({@link RenderOutput#RECORD}) is bookkeeping, not output: it is left out (RenderOutputTest checks it).
 */
final class RenderedTree {
    private RenderedTree() {
    }

    static Map<String, String> read(Path root) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(file -> !file.equals(root.resolve(RenderOutput.RECORD))).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Where two texts first differ, as one line a reader can act on; null when equal. */
    static String firstDifference(String expected, String actual) {
        if (expected.equals(actual)) {
            return null;
        }
        String[] want = expected.split("\n", -1);
        String[] got = actual.split("\n", -1);
        for (int i = 0; i < Math.max(want.length, got.length); i++) {
            String w = i < want.length ? want[i] : "<end of file>";
            String g = i < got.length ? got[i] : "<end of file>";
            if (!w.equals(g)) {
                return "line " + (i + 1) + ": expected [" + w + "] but rendered [" + g + "]";
            }
        }
        return "the texts differ in line endings";
    }
}
