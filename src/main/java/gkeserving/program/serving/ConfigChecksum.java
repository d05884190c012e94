package gkeserving.program.serving;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of a ConfigMap's data. TF Serving reads its config files only at start-up, so the Deployment
 * carries this in a pod-template annotation: changed config means a changed template, which rolls the pods.
 */
public final class ConfigChecksum {
    private ConfigChecksum() {
    }

    /** Independent of map order; each key and value is length-prefixed so no two different maps collide by concatenation. */
    public static String of(Map<String, String> data) {
        MessageDigest sha256 = sha256();
        new TreeMap<>(data).forEach((key, value) -> {
            update(sha256, key);
            update(sha256, value);
        });
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
