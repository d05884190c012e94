package gkeserving.tools.project;

import java.util.regex.Pattern;

/**
 * Pulumi's rule for stack names (tokens.ParseStackName): 1..100 of letters, digits, '-', '_' and '.'.
 * Stack names become file names (Pulumi.&lt;stack&gt;.yaml, run reports), so one that is not a stack name,
 * such as {@code ../../x} or an absolute path, is refused before anything is read or written; so are
 * {@code .} and {@code ..}, which Pulumi's pattern lets through but a path does not.
 */
public final class StackName {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private StackName() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches() && !name.chars().allMatch(c -> c == '.');
    }

    /** @throws ProjectException naming the rule, when {@code name} is not a stack name */
    public static String check(String name) {
        if (!isValid(name)) {
            throw new ProjectException("'" + name + "' is not a stack name: a stack name is 1 to 100 letters, digits,"
                    + " hyphens, underscores or periods (Pulumi's rule), e.g. dev or prod-eu");
        }
        return name;
    }
}
