package gkeserving.tools.check;

import java.util.List;

/**
 * A policy check in a few numbers, for the pipeline's run report.
 *
 * @param rules    how many rules were evaluated
 * @param violated the ids of the rules with a failure no waiver covers
 * @param waived   how many findings failed under a waiver
 */
public record PolicySummary(int rules, List<String> violated, long waived) {
    public PolicySummary {
        violated = List.copyOf(violated);
    }
}
