package gkeserving.tools.check;

/**
 * An accepted exception to one rule for one resource, with the written reason, from the stack file's
 * {@value Waivers#KEY}.
 */
public record Waiver(String rule, String resource, String reason) {
    boolean covers(String ruleId, Finding finding) {
        return rule.equals(ruleId) && resource.equals(finding.resource());
    }
}
