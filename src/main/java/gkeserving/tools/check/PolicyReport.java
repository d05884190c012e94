package gkeserving.tools.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdict of every rule on one stack: each finding passed, failed, or failed under a waiver.
 * Violations are failures no waiver covers; waivers that covered nothing are reported, not ignored.
 */
public record PolicyReport(String stack, List<RuleResult> results, List<Waiver> unusedWaivers) {

    public enum Status { PASS, FAIL, WAIVED }

    /** One finding with its verdict; {@code waiver} is set when a waiver turned a failure into WAIVED. */
    public record Verdict(Finding finding, Status status, Optional<Waiver> waiver) {
    }

    public record RuleResult(Rule rule, List<Verdict> verdicts) {
        public Status status() {
            if (verdicts.stream().anyMatch(v -> v.status() == Status.FAIL)) {
                return Status.FAIL;
            }
            return verdicts.stream().anyMatch(v -> v.status() == Status.WAIVED) ? Status.WAIVED : Status.PASS;
        }
    }

    public static PolicyReport evaluate(CheckTarget target, List<Rule> rules, List<Waiver> waivers) {
        List<Waiver> unused = new ArrayList<>(waivers);
        List<RuleResult> results = new ArrayList<>();
        for (Rule rule : rules) {
            List<Verdict> verdicts = new ArrayList<>();
            for (Finding finding : rule.evaluate(target)) {
                if (finding.passed()) {
                    verdicts.add(new Verdict(finding, Status.PASS, Optional.empty()));
                    continue;
                }
                Optional<Waiver> waiver = waivers.stream().filter(w -> w.covers(rule.id(), finding)).findFirst();
                waiver.ifPresent(unused::remove);
                verdicts.add(new Verdict(finding, waiver.isPresent() ? Status.WAIVED : Status.FAIL, waiver));
            }
            results.add(new RuleResult(rule, List.copyOf(verdicts)));
        }
        return new PolicyReport(target.render().stack(), List.copyOf(results), List.copyOf(unused));
    }

    /** The ids of the rules with an unwaived failure. */
    public List<String> violatedRules() {
        return results.stream().filter(r -> r.status() == Status.FAIL).map(r -> r.rule().id()).toList();
    }

    public boolean clean() {
        return violatedRules().isEmpty();
    }

    public PolicySummary summary() {
        return new PolicySummary(results.size(), violatedRules(), waivedCount());
    }

    private long waivedCount() {
        return results.stream().flatMap(r -> r.verdicts().stream()).filter(v -> v.status() == Status.WAIVED).count();
    }

    /** Only the failures and the closing summary: what a pipeline run shows. */
    public List<String> failureLines() {
        return lines().stream().filter(l -> l.startsWith("FAIL") || l.startsWith("  FAIL")
                || l.startsWith("Policy check")).toList();
    }

    /** One line per rule (status, id, title, source), then one per finding: status, resource, field, value. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (RuleResult result : results) {
            lines.add(String.format("%-6s %s: %s [%s]", result.status(), result.rule().id(), result.rule().title(),
                    result.rule().source()));
            if (result.verdicts().isEmpty()) {
                lines.add("         (nothing in scope)");
            }
            for (Verdict v : result.verdicts()) {
                Finding f = v.finding();
                lines.add(String.format("  %-6s %s %s = %s%s", v.status(), f.resource(), f.field(), f.detail(),
                        v.waiver().map(w -> " (waived: " + w.reason() + ")").orElse("")));
            }
        }
        for (Waiver w : unusedWaivers) {
            lines.add("note: waiver of " + w.rule() + " for " + w.resource() + " covers no failure; remove it");
        }
        long waived = waivedCount();
        lines.add("Policy check of stack " + stack + ": " + results.size() + " rules, "
                + violatedRules().size() + " violated" + (clean() ? "" : " (" + String.join(", ", violatedRules()) + ")")
                + ", " + waived + " finding(s) waived");
        return lines;
    }
}
