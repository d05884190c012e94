package gkeserving.program.config;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** IPv4 CIDR blocks as GKE authorized networks, load balancer source ranges and subnets accept them. */
public final class Cidr {
    /**
     * Decimal numbers without leading zeros: {@code 010.0.0.0/8} is 10.0.0.0 to Java but 8.0.0.0 to tools that
     * read a leading zero as octal, and Go's net.ParseCIDR (which the GCP and Kubernetes APIs use) refuses it.
     */
    private static final String NUMBER = "(0|[1-9][0-9]{0,2})";
    private static final Pattern SHAPE = Pattern.compile(NUMBER + "\\." + NUMBER + "\\." + NUMBER + "\\." + NUMBER + "/" + NUMBER);

    private Cidr() {
    }

    /** Well-formed: four octets 0..255 and a prefix 0..32 without leading zeros, and no host bits set beyond the prefix. */
    public static boolean isValid(String text) {
        var m = SHAPE.matcher(text);
        if (!m.matches()) {
            return false;
        }
        OptionalLong address = address(text);
        int prefix = Integer.parseInt(m.group(5));
        if (address.isEmpty() || prefix > 32) {
            return false;
        }
        return (address.getAsLong() & hostMask(prefix)) == 0;
    }

    public static int prefixLength(String validCidr) {
        return Integer.parseInt(validCidr.substring(validCidr.indexOf('/') + 1));
    }

    /** Two valid blocks share at least one address (one contains the other's first address). */
    public static boolean overlap(String validA, String validB) {
        long startA = address(validA).orElseThrow();
        long startB = address(validB).orElseThrow();
        long endA = startA | hostMask(prefixLength(validA));
        long endB = startB | hostMask(prefixLength(validB));
        return startA <= endB && startB <= endA;
    }

    /** The block's first address as a number, or empty when an octet is out of range. */
    private static OptionalLong address(String text) {
        var m = SHAPE.matcher(text);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return OptionalLong.empty();
            }
            address = (address << 8) | octet;
        }
        return OptionalLong.of(address);
    }

    private static long hostMask(int prefix) {
        return prefix >= 32 ? 0 : (1L << (32 - prefix)) - 1;
    }
}
