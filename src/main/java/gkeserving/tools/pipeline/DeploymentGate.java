package gkeserving.tools.pipeline;

import gkeserving.program.ResourceTypes;
import com.pulumi.automation.OperationType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides from a preview's engine events (never from its text) whether {@code up} may run:
 * replacing or deleting a stateful or protected resource needs --allow-replace, and a stack whose
 * file sets {@code pipeline:requireConfirmation: true} (prod) needs --yes.
 */
public final class DeploymentGate {
    /** Resources whose replacement loses a cluster, its nodes or the images: slow and not undoable. */
    static final Set<String> STATEFUL_TYPES = Set.of(
            ResourceTypes.CLUSTER,
            ResourceTypes.NODE_POOL,
            ResourceTypes.REPOSITORY,
            // The cluster's addresses: replacing or deleting the VPC or its subnet takes the cluster's networking away.
            ResourceTypes.NETWORK,
            ResourceTypes.SUBNETWORK);

    private DeploymentGate() {
    }

    /** @param confirmationRequired whether the stack's configuration asks for --yes before changes */
    public static GateDecision decide(ChangePlan plan, String stack, boolean confirmationRequired, DeployFlags flags) {
        List<String> reasons = new ArrayList<>();
        if (!flags.allowReplace()) {
            destructiveStatefulSteps(plan).forEach((urn, step) -> reasons.add(
                    "would " + (isReplacement(step.op()) ? "replace" : "delete") + " " + step.type() + " "
                            + step.name() + (step.protect() ? " (protected)" : " (stateful)")
                            + "; re-run with --allow-replace if that is intended"));
        }
        if (confirmationRequired && !flags.yes()) {
            reasons.add("stack " + stack + " needs --yes to apply changes");
        }
        return new GateDecision(reasons.isEmpty(), reasons);
    }

    /** One entry per resource: a replacement shows up as up to three steps on the same URN. */
    private static Map<String, PlannedStep> destructiveStatefulSteps(ChangePlan plan) {
        Map<String, PlannedStep> byUrn = new LinkedHashMap<>();
        for (PlannedStep step : plan.steps()) {
            if (step.destructive() && (step.protect() || STATEFUL_TYPES.contains(step.type()))) {
                byUrn.merge(step.urn(), step, (first, next) -> isReplacement(first.op()) ? first : next);
            }
        }
        return byUrn;
    }

    private static boolean isReplacement(OperationType op) {
        return op != OperationType.DELETE;
    }
}
