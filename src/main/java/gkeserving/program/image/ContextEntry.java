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
 * One entry of a Docker build context: a directory or a file taken from disk, or a file the program
 * generates. Entries are what the content tag hashes and what a staged context is made of. A symbolic link
 * is refused, as model preflight refuses it: Docker would send the link, not what it points at, so the image
 * would hold a dangling link and a tag over the link's text would not change when the files behind it do.
 *
 * @param path   '/'-separated, relative to the context's root
 * @param source the file on disk ({@link Kind#FILE}), else null
 * @param bytes  the content of a {@link Kind#GENERATED} file, else null
 */
record ContextEntry(String path, Kind kind, Path source, byte[] bytes) {
    enum Kind { DIRECTORY, FILE, GENERATED }

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

    /** Every file and directory under {@code dir} (not {@code dir} itself), paths prefixed by {@code prefix}. */
    static List<ContextEntry> walk(Path dir, String prefix) {
        if (Files.isSymbolicLink(dir)) {
            throw new IllegalArgumentException("build context " + dir + " is a symbolic link");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<ContextEntry> entries = new ArrayList<>();
            for (Path entry : walk.filter(p -> !p.equals(dir)).toList()) {
                String path = prefix + dir.relativize(entry).toString().replace('\\', '/');
                if (Files.isSymbolicLink(entry)) {
                    throw new IllegalArgumentException("build context " + dir + " holds a symbolic link: " + path);
                }
                Kind kind = Files.isDirectory(entry) ? Kind.DIRECTORY : Kind.FILE;
                entries.add(new ContextEntry(path, kind, kind == Kind.DIRECTORY ? null : entry, null));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list build context " + dir, e);
        }
    }
}
