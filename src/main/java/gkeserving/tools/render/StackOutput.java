package gkeserving.tools.render;

/**
 * A stack output as {@code pulumi up} would compute it offline.
 *
 * @param shown its value as text: the value itself, {@value SecretMask#MASK} for a secret, or
 *              {@value #UNKNOWN} when the engine could not know it
 */
public record StackOutput(String name, String shown) {
    public static final String UNKNOWN = "<unknown until up>";

    /** Whether the program marked it secret (so the engine encrypts it in the state and masks it). */
    public boolean secret() {
        return SecretMask.MASK.equals(shown);
    }
}
