package gkeserving.program.config;

import java.util.regex.Pattern;

/** GCP location names: regions look like {@code us-central1}, zones like {@code us-central1-a}. */
public final class GcpLocations {
    private static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");
    private static final Pattern ZONE = Pattern.compile("[a-z]+-[a-z]+[0-9]+-[a-z]");

    private GcpLocations() {
    }

    public static boolean isRegion(String location) {
        return REGION.matcher(location).matches();
    }

    public static boolean isZone(String location) {
        return ZONE.matcher(location).matches();
    }

    /** The region a zone belongs to, or the region itself. */
    public static String regionOf(String location) {
        return isZone(location) ? location.substring(0, location.lastIndexOf('-')) : location;
    }
}
