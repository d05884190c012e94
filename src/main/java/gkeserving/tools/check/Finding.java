package gkeserving.tools.check;

/**
 * One rule's verdict on one field of one resource.
 *
 * @param resource the resource's logical name, as in plan.json (or the stack output's name)
 * @param field    the path of the field the verdict is about, e.g. {@code nodeConfig.imageType}
 * @param passed   whether the field meets the rule
 * @param detail   the value found, or what is wrong with it
 */
public record Finding(String resource, String field, boolean passed, String detail) {
    static Finding of(String resource, String field, boolean passed, String detail) {
        return new Finding(resource, field, passed, detail);
    }
}
