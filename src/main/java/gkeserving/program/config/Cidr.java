package gkeserving.program.config;

import java.util.regex.Pattern;

/** IPv4 CIDR blocks as GKE authorized networks and load balancer source ranges accept them. */
public final class Cidr {
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    private Cidr() {
    }

    /** Well-formed: four octets 0..255, a prefix 0..32, and no host bits set beyond the prefix. */
    public static boolean isValid(String text) {
        var m = SHAPE.matcher(text);
        if (!m.matches()) {
            return false;
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return false;
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            return false;
        }
        long hostMask = prefix == 32 ? 0 : (1L << (32 - prefix)) - 1;
        return (address & hostMask) == 0;
    }

    public static int prefixLength(String validCidr) {
        return Integer.parseInt(validCidr.substring(validCidr.indexOf('/') + 1));
    }
}
