package gkeserving.program.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One entry of a Docker build context: a directory, a file or link taken from disk, or a file the program
 * generates. Entries are what the content tag hashes and what a staged context is made of.
 *
 * @param path   '/'-separated, relative to the context's root
 * @param source the file or link on disk ({@link Kind#FILE}, {@link Kind#LINK}), else null
 * @param bytes  the content of a {@link Kind#GENERATED} file, else null
 */
record ContextEntry(String path, Kind kind, Path source, byte[] bytes) {
    enum Kind { DIRECTORY, FILE, LINK, GENERATED }

    ContextEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }

    static ContextEntry directory(String path) {
        return new ContextEntry(path, Kind.DIRECTORY, null, null);
    }

    static ContextEntry generated(String path, byte[] bytes) {
        return new ContextEntry(path, Kind.GENERATED, null, bytes.clone());
    }

    /** Every file, directory and link under {@code dir} (not {@code dir} itself), paths prefixed by {@code prefix}. */
    static List<ContextEntry> walk(Path dir, String prefix) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<ContextEntry> entries = new ArrayList<>();
            for (Path entry : walk.filter(p -> !p.equals(dir)).toList()) {
                String path = prefix + dir.relativize(entry).toString().replace('\\', '/');
                Kind kind = Files.isSymbolicLink(entry) ? Kind.LINK : Files.isDirectory(entry) ? Kind.DIRECTORY : Kind.FILE;
                entries.add(new ContextEntry(path, kind, kind == Kind.DIRECTORY ? null : entry, null));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list build context " + dir, e);
        }
    }
}
