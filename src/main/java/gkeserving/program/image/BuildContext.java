package gkeserving.program.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The serving image's Docker build context, staged under the project's {@code target/} so that generated files
 * (warm-up records) go into the image without ever being written into the user's model directory:
 * <pre>
 *   model/    the model directory, file by file as hard links (copies where a link is impossible)
 *   warmup/   the generated files, at their paths relative to the model directory
 * </pre>
 * The Dockerfile copies {@code model/} and then {@code warmup/} to {@code /models/<name>/}: two layers, so a new
 * sample request rebuilds only a small layer on top of an unchanged model layer.
 *
 * <p>A staged context is named by its image's content tag and is complete once it has that name (it is built
 * under a temporary name and renamed), so runs in parallel never see half of one. Contexts unused for an hour
 * are removed.
 */
public final class BuildContext {
    public static final String MODEL_DIR = "model";
    public static final String WARMUP_DIR = "warmup";
    /** Relative to the project directory. */
    public static final String STAGING_ROOT = "target/serving-image";
    private static final Duration KEEP_UNUSED = Duration.ofHours(1);

    private BuildContext() {
    }

    /** What the context holds: the model under model/, the generated files under warmup/ (always present, maybe empty). */
    static List<ContextEntry> entries(Path modelDir, WarmupFiles warmup) {
        List<ContextEntry> entries = new ArrayList<>();
        entries.add(ContextEntry.directory(MODEL_DIR));
        entries.addAll(ContextEntry.walk(modelDir, MODEL_DIR + "/"));
        TreeSet<String> directories = new TreeSet<>(List.of(WARMUP_DIR));
        warmup.files().forEach((path, bytes) -> {
            String full = WARMUP_DIR + "/" + path;
            for (int cut = full.indexOf('/'); cut >= 0; cut = full.indexOf('/', cut + 1)) {
                directories.add(full.substring(0, cut));
            }
            entries.add(ContextEntry.generated(full, bytes));
        });
        directories.forEach(dir -> entries.add(ContextEntry.directory(dir)));
        return entries;
    }

    /**
     * The staged context for {@code tag}, staged now unless a faithful one exists.
     *
     * @return the context directory, {@code <projectDir>/target/serving-image/<tag>}
     */
    static Path stage(Path projectDir, String tag, List<ContextEntry> entries) {
        Path context = path(projectDir, tag);
        Path root = context.getParent();
        try {
            Files.createDirectories(root);
            if (Files.isDirectory(context) && faithful(context, entries)) {
                Files.setLastModifiedTime(context, FileTime.from(Instant.now())); // in use: keep it
            } else {
                deleteRecursively(context);
                Path staging = Files.createTempDirectory(root, ".staging-");
                for (ContextEntry entry : entries.stream().sorted(Comparator.comparing(ContextEntry::path)).toList()) {
                    materialize(staging.resolve(entry.path()), entry);
                }
                moveOrDiscard(staging, context);
            }
            removeUnused(root, context);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the serving image's build context in " + root, e);
        }
    }

    /** Where the context for {@code tag} is staged. */
    static Path path(Path projectDir, String tag) {
        return projectDir.resolve(STAGING_ROOT).resolve(tag);
    }

    /** Still what the entries say: a model file replaced since (not edited in place) would otherwise go unnoticed. */
    static boolean faithful(Path context, List<ContextEntry> entries) throws IOException {
        for (ContextEntry entry : entries) {
            Path staged = context.resolve(entry.path());
            boolean same = switch (entry.kind()) {
                case DIRECTORY -> Files.isDirectory(staged, LinkOption.NOFOLLOW_LINKS);
                case GENERATED -> Files.isRegularFile(staged) && Arrays.equals(Files.readAllBytes(staged), entry.bytes());
                case FILE -> Files.isRegularFile(staged) && (Files.isSameFile(staged, entry.source())
                        || (Files.size(staged) == Files.size(entry.source())
                        && Files.getLastModifiedTime(staged).equals(Files.getLastModifiedTime(entry.source()))));
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static void materialize(Path target, ContextEntry entry) throws IOException {
        switch (entry.kind()) {
            case DIRECTORY -> Files.createDirectories(target);
            case GENERATED -> Files.write(target, entry.bytes());
            case FILE -> {
                try {
                    Files.createLink(target, entry.source()); // no copy of a multi-gigabyte model
                } catch (IOException | UnsupportedOperationException e) {
                    // another file system, or one without hard links; mtime kept so that faithful() can compare
                    Files.copy(entry.source(), target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Another run may have staged the same tag meanwhile: then its context is used and this one dropped. */
    private static void moveOrDiscard(Path staging, Path context) throws IOException {
        try {
            Files.move(staging, context, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            deleteRecursively(staging);
        }
    }

    private static void removeUnused(Path root, Path current) throws IOException {
        Instant cutoff = Instant.now().minus(KEEP_UNUSED);
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.filter(c -> !c.equals(current)).toList()) {
                if (Files.getLastModifiedTime(child).toInstant().isBefore(cutoff)) {
                    deleteRecursively(child);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
