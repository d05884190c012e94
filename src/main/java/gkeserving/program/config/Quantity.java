package gkeserving.program.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 8Gi}, {@code 4e9}) in Kubernetes' own
 * grammar (resource.Quantity), as numbers: the settings compare requests with limits, and the render's
 * schema check rejects what the API server would (fabric8's model accepts any text as a quantity).
 */
public final class Quantity {
    private static final Pattern GRAMMAR = Pattern.compile(
            "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[mkMGTPE]|[eE][+-]?\\d+)?");
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);
    private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", KIBI), Map.entry("Mi", KIBI.pow(2)), Map.entry("Gi", KIBI.pow(3)),
            Map.entry("Ti", KIBI.pow(4)), Map.entry("Pi", KIBI.pow(5)), Map.entry("Ei", KIBI.pow(6)));

    private Quantity() {
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    /** The quantity in base units (cores, bytes), or empty when it is not a quantity. */
    public static Optional<BigDecimal> parse(String text) {
        Matcher m = GRAMMAR.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix == null) {
            return Optional.of(number);
        }
        if (SUFFIX.containsKey(suffix)) {
            return Optional.of(number.multiply(SUFFIX.get(suffix)));
        }
        try {
            return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty(); // an exponent beyond any number the API server can hold
        }
    }
}
