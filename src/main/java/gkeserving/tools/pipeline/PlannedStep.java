package gkeserving.tools.pipeline;

import com.pulumi.automation.OperationType;

import java.util.EnumSet;
import java.util.Set;

/** One step the engine announced (a ResourcePreEvent): what happens to which resource. */
public record PlannedStep(OperationType op, String type, String urn, boolean protect) {
    /** Steps after which the old resource (and its data) is gone. */
    static final Set<OperationType> DESTRUCTIVE = EnumSet.of(
            OperationType.REPLACE, OperationType.CREATE_REPLACEMENT, OperationType.DELETE_REPLACED,
            OperationType.DELETE, OperationType.IMPORT_REPLACEMENT);

    /** The resource's name: the URN's last "::" segment. */
    public String name() {
        int cut = urn.lastIndexOf("::");
        return cut < 0 ? urn : urn.substring(cut + 2);
    }

    public boolean destructive() {
        return DESTRUCTIVE.contains(op);
    }

    /** True for steps that do something (the engine also announces unchanged resources). */
    public boolean changes() {
        return op != OperationType.SAME;
    }
}
