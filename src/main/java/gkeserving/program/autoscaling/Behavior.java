package gkeserving.program.autoscaling;

import java.util.List;
import java.util.Map;

/**
 * The scale-up and scale-down behaviour, tuned for replicas that each take a GPU node and minutes to become
 * ready; the plain HPA and KEDA's HPA both use it:
 * <ul>
 *   <li>up: no stabilisation, and up to double (at least 2 pods) per minute, so a burst is met as soon
 *       as it shows, since capacity arrives late anyway;</li>
 *   <li>down: a 10-minute stabilisation window and one pod per 2 minutes, because a replica given back
 *       too eagerly costs a node scale-up and a model load to get back.</li>
 * </ul>
 */
public final class Behavior {
    public static final int UP_WINDOW_SECONDS = 0;
    public static final int UP_PERCENT = 100;
    public static final int UP_PODS = 2;
    public static final int UP_PERIOD_SECONDS = 60;
    public static final int DOWN_WINDOW_SECONDS = 600;
    public static final int DOWN_PODS = 1;
    public static final int DOWN_PERIOD_SECONDS = 120;

    private Behavior() {
    }

    /** As an autoscaling/v2 {@code behavior} object (KEDA's advanced.horizontalPodAutoscalerConfig.behavior). */
    static Map<String, Object> tuned() {
        return Map.of(
                "scaleUp", Map.of("stabilizationWindowSeconds", UP_WINDOW_SECONDS, "selectPolicy", "Max",
                        "policies", List.of(policy("Percent", UP_PERCENT, UP_PERIOD_SECONDS), policy("Pods", UP_PODS, UP_PERIOD_SECONDS))),
                "scaleDown", Map.of("stabilizationWindowSeconds", DOWN_WINDOW_SECONDS,
                        "policies", List.of(policy("Pods", DOWN_PODS, DOWN_PERIOD_SECONDS))));
    }

    private static Map<String, Object> policy(String type, int value, int periodSeconds) {
        return Map.of("type", type, "value", value, "periodSeconds", periodSeconds);
    }
}
