package gkeserving.program.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The serving image's tag, derived from everything that goes into the build: every file of the
 * build context (the model directory), the Dockerfile text, the build arguments and the platform.
 * Equal inputs give the same tag on every machine, so an unchanged model yields the same image name
 * and Pulumi neither rebuilds nor redeploys; any change to those inputs gives a new tag.
 *
 * <p>Files count by relative path and content only (not timestamps, owners or modes, which the
 * Dockerfile's {@code COPY --chmod} normalises anyway). Hidden files count too: Docker copies the
 * whole context, so a tag that skipped them could name two different images.
 */
public final class ContentTag {
    /** Hex characters kept: 64 bits, far beyond any number of builds of one model. */
    public static final int LENGTH = 16;

    private ContentTag() {
    }

    public static String of(Path contextDir, String dockerfile, Map<String, String> buildArgs, String platform) {
        MessageDigest digest = sha256();
        field(digest, "dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
        new TreeMap<>(buildArgs).forEach((name, value) -> field(digest, "arg", name + "=" + value));
        field(digest, "platform", platform);
        for (Path entry : sortedEntries(contextDir)) {
            addEntry(digest, contextDir, entry);
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, LENGTH);
    }

    /**
     * Every file and directory under {@code contextDir}, ordered by their '/'-separated relative path. A symbolic
     * link is refused, as model preflight refuses it: Docker would send the link, not what it points at, so a
     * tag over the link's text would not change when the files behind it do.
     */
    private static List<Path> sortedEntries(Path contextDir) {
        if (Files.isSymbolicLink(contextDir)) {
            throw new IllegalArgumentException("build context " + contextDir + " is a symbolic link");
        }
        try (Stream<Path> walk = Files.walk(contextDir)) {
            return walk.filter(p -> !p.equals(contextDir))
                    .sorted((a, b) -> relative(contextDir, a).compareTo(relative(contextDir, b)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list build context " + contextDir, e);
        }
    }

    private static void addEntry(MessageDigest digest, Path contextDir, Path entry) {
        String name = relative(contextDir, entry);
        try {
            if (Files.isSymbolicLink(entry)) {
                throw new IllegalArgumentException("build context " + contextDir + " holds a symbolic link: " + name);
            } else if (Files.isDirectory(entry)) {
                // Empty directories land in the image too.
                field(digest, "dir", name);
            } else {
                field(digest, "file", name);
                field(digest, "content", contentHash(entry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry, e);
        }
    }

    /** Streams the file: SavedModel variables can be gigabytes. */
    private static byte[] contentHash(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    /** Length-prefixed, so no two different sequences of fields feed the digest the same bytes. */
    private static void field(MessageDigest digest, String kind, String value) {
        field(digest, kind, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest digest, String kind, byte[] value) {
        byte[] kindBytes = kind.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(kindBytes.length).array());
        digest.update(kindBytes);
        digest.update(ByteBuffer.allocate(4).putInt(value.length).array());
        digest.update(value);
    }

    private static String relative(Path root, Path entry) {
        return root.relativize(entry).toString().replace('\\', '/');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
