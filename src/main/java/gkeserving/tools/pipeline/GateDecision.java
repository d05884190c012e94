package gkeserving.tools.pipeline;

import java.util.List;

/** Whether the pipeline may apply a previewed change, and every reason it may not. */
public record GateDecision(boolean allowed, List<String> reasons) {
    public GateDecision {
        reasons = List.copyOf(reasons);
    }

    static GateDecision allow() {
        return new GateDecision(true, List.of());
    }
}
