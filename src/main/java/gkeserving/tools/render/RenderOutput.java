package gkeserving.tools.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code --out} directory as render owns it. Render replaces only files it wrote: it lists them in
 * {@value #RECORD} and, next time, deletes exactly those that the new render does not write again. It never
 * writes or deletes through a symbolic link inside the directory (a linked {@code k8s/} or {@code plan.json}
 * would send the write, or the deletion, elsewhere), and refuses the file system's root, the project
 * directory itself, and (unless forced) a directory holding files it did not write. The {@code --out} path
 * itself may be a link: that is where the user asked for the files.
 *
 * <p>{@link #open} only looks; nothing is created or deleted before {@link #write}.
 */
final class RenderOutput {
    /** Render's record of the files it wrote, relative to the directory, one per line. */
    static final String RECORD = "rendered-files.txt";
    private static final String HEADER = "# Written by `render`: the files it wrote here. The next render replaces"
            + " exactly these; it never touches other files.";
    /** The only paths render writes: the plan and one YAML file per object, never anything deeper. */
    private static final Pattern OWN_PATH = Pattern.compile(Pattern.quote(PlanWriter.FILE)
            + "|" + ManifestWriter.DIRECTORY + "/[A-Za-z0-9][A-Za-z0-9._-]*\\.yaml");

    /** A refused --out: exit 2, nothing written. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final Path dir;
    private final Set<String> recorded;

    private RenderOutput(Path dir, Set<String> recorded) {
        this.dir = dir;
        this.recorded = recorded;
    }

    /**
     * @param outDir      --out as given
     * @param projectRoot the project directory, which must not be the output directory
     * @param force       accept a directory holding files render did not write (they are kept)
     */
    static RenderOutput open(Path outDir, Path projectRoot, boolean force) {
        Path dir = resolved(outDir);
        String named = "--out " + outDir;
        if (dir.getParent() == null) {
            throw new Refused(named + " is the file system's root: give render a directory of its own, e.g. --out target/render");
        }
        if (dir.equals(resolved(projectRoot))) {
            throw new Refused(named + " is the project directory itself: give render a directory of its own, e.g. --out target/render");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return new RenderOutput(dir, Set.of());
        }
        if (!Files.isDirectory(dir)) {
            throw new Refused(named + " is a file, not a directory");
        }
        Set<String> recorded = readRecord(dir, named);
        List<String> foreign = new ArrayList<>();
        for (String entry : entries(dir)) {
            Path path = dir.resolve(entry);
            boolean link = Files.isSymbolicLink(path);
            boolean ours = entry.equals(RECORD) || entry.equals(ManifestWriter.DIRECTORY) || recorded.contains(entry);
            if (link && (ours || OWN_PATH.matcher(entry).matches())) {
                throw new Refused(named + ": " + entry + " is a symbolic link; render never writes or deletes through a link."
                        + " Remove the link or choose another directory");
            }
            if (!link && entry.equals(ManifestWriter.DIRECTORY) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refused(named + ": " + entry + " is a file where render writes its " + entry + "/ directory");
            }
            if (!ours) {
                foreign.add(entry);
            }
        }
        if (!foreign.isEmpty() && !force) {
            throw new Refused(named + " holds files that render did not write (" + String.join(", ", foreign.subList(0,
                    Math.min(5, foreign.size()))) + (foreign.size() > 5 ? ", …" : "") + "); render replaces only the files it"
                    + " recorded in " + RECORD + ". Choose an empty or new directory, or pass --force to write beside them"
                    + " (they are kept)");
        }
        return new RenderOutput(dir, recorded);
    }

    /**
     * Writes {@code files} (relative path → text) and deletes the recorded files it no longer writes. The record
     * is written first with both sets, so an interrupted render still knows every file it may have left.
     */
    void write(Map<String, String> files) {
        Set<String> next = new TreeSet<>(files.keySet());
        next.forEach(path -> {
            if (!OWN_PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("render does not write " + path);
            }
        });
        try {
            Files.createDirectories(dir);
            Path k8s = dir.resolve(ManifestWriter.DIRECTORY);
            if (!Files.isDirectory(k8s, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(k8s);
            }
            Set<String> both = new TreeSet<>(recorded);
            both.addAll(next);
            writeFile(RECORD, record(both));
            for (String stale : recorded) {
                if (!next.contains(stale)) {
                    Files.deleteIfExists(dir.resolve(stale));
                }
            }
            for (String path : next) {
                writeFile(path, files.get(path));
            }
            writeFile(RECORD, record(next));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Opened with O_NOFOLLOW: a link put there since {@link #open} looked fails the write instead of redirecting it. */
    private void writeFile(String relative, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(relative), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String record(Set<String> files) {
        return HEADER + "\n" + String.join("\n", files) + (files.isEmpty() ? "" : "\n");
    }

    /** The recorded paths; a record listing anything render never writes is not render's, and nothing is deleted by it. */
    private static Set<String> readRecord(Path dir, String named) {
        Path record = dir.resolve(RECORD);
        if (!Files.exists(record, LinkOption.NOFOLLOW_LINKS)) {
            return Set.of();
        }
        if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused(named + ": " + RECORD + " is not a plain file; render never writes or deletes through a link");
        }
        Set<String> recorded = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (!OWN_PATH.matcher(line).matches()) {
                    throw new Refused(named + ": " + RECORD + " lists " + line + ", which render never writes; the record"
                            + " is not render's own. Remove it or choose another directory");
                }
                recorded.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + record + ": " + e.getMessage(), e);
        }
        return recorded;
    }

    /** Relative paths of the directory's entries and, when k8s/ is a real directory, of its entries. */
    private static List<String> entries(Path dir) {
        List<String> entries = new ArrayList<>(list(dir));
        Path k8s = dir.resolve(ManifestWriter.DIRECTORY);
        if (Files.isDirectory(k8s, LinkOption.NOFOLLOW_LINKS)) {
            list(k8s).forEach(name -> entries.add(ManifestWriter.DIRECTORY + "/" + name));
        }
        return entries;
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The absolute path with every existing part's links resolved (the rest appended as given). */
    private static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? absolute : existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}
