package gkeserving.program.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 8Gi}) as numbers, to compare requests with limits. */
public final class Quantity {
    private static final Pattern SHAPE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?");
    private static final Map<String, BigDecimal> SUFFIX = Map.of(
            "m", new BigDecimal("0.001"),
            "k", BigDecimal.TEN.pow(3), "M", BigDecimal.TEN.pow(6), "G", BigDecimal.TEN.pow(9), "T", BigDecimal.TEN.pow(12),
            "Ki", BigDecimal.valueOf(1024), "Mi", BigDecimal.valueOf(1024).pow(2),
            "Gi", BigDecimal.valueOf(1024).pow(3), "Ti", BigDecimal.valueOf(1024).pow(4));

    private Quantity() {
    }

    public static boolean isValid(String text) {
        return SHAPE.matcher(text).matches();
    }

    /** The quantity in base units (cores, bytes), or empty when it is not a quantity. */
    public static Optional<BigDecimal> parse(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        return Optional.of(m.group(2) == null ? number : number.multiply(SUFFIX.get(m.group(2))));
    }
}
