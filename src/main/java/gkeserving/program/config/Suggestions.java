package gkeserving.program.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known word nearest to a misspelling, when it is near enough to be the one meant. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The nearest of {@code known} to {@code typed}, if it is within a few edits (or differs only in case). */
    public static Optional<String> nearest(String typed, Collection<String> known) {
        return known.stream()
                .filter(candidate -> close(typed, candidate))
                .min(Comparator.comparingInt(candidate -> distance(typed.toLowerCase(Locale.ROOT),
                        candidate.toLowerCase(Locale.ROOT))));
    }

    /** {@code " (did you mean X?)"}, or nothing when no known word is close. */
    public static String didYouMean(String typed, Collection<String> known) {
        return nearest(typed, known).map(s -> " (did you mean " + s + "?)").orElse("");
    }

    /** Within a third of the longer word's length in edits, at most 3, ignoring case; never equal. */
    public static boolean close(String typed, String candidate) {
        if (typed.equals(candidate)) {
            return false;
        }
        int edits = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
        return edits <= Math.min(3, Math.max(1, Math.max(typed.length(), candidate.length()) / 3));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
