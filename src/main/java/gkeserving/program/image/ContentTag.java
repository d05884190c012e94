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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The serving image's tag, derived from everything that goes into the build: every file of the
 * build context (the model and its generated warm-up records, see {@link BuildContext}), the
 * Dockerfile text, the build arguments and the platform.
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
        return of(ContextEntry.walk(contextDir, ""), dockerfile, buildArgs, platform);
    }

    /** The tag of a context described entry by entry; equal to the tag of a directory holding exactly these entries. */
    static String of(List<ContextEntry> entries, String dockerfile, Map<String, String> buildArgs, String platform) {
        MessageDigest digest = sha256();
        field(digest, "dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
        new TreeMap<>(buildArgs).forEach((name, value) -> field(digest, "arg", name + "=" + value));
        field(digest, "platform", platform);
        entries.stream().sorted(Comparator.comparing(ContextEntry::path)).forEach(entry -> addEntry(digest, entry));
        return HexFormat.of().formatHex(digest.digest()).substring(0, LENGTH);
    }

    private static void addEntry(MessageDigest digest, ContextEntry entry) {
        try {
            switch (entry.kind()) {
                // Empty directories land in the image too.
                case DIRECTORY -> field(digest, "dir", entry.path());
                case FILE -> {
                    field(digest, "file", entry.path());
                    field(digest, "content", contentHash(entry.source()));
                }
                case GENERATED -> {
                    field(digest, "file", entry.path());
                    field(digest, "content", sha256().digest(entry.bytes()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.source(), e);
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
