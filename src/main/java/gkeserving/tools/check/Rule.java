package gkeserving.tools.check;

import java.util.List;
import java.util.function.Function;

/**
 * One policy rule: a stable id (what a waiver names), a title, where the rule comes from (a CIS item, a
 * guide's section or a checker's rule) and its evaluation over what a stack registers. A rule with nothing
 * in scope (no LoadBalancer Service, say) returns no findings and passes.
 */
public record Rule(String id, String title, String source, Function<CheckTarget, List<Finding>> evaluation) {
    public List<Finding> evaluate(CheckTarget target) {
        return evaluation.apply(target);
    }
}
