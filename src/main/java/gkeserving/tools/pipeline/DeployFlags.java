package gkeserving.tools.pipeline;

/** Flags of the commands that apply changes (deploy, promote). */
public record DeployFlags(boolean allowReplace, boolean yes, boolean skipSmoke) {
    /** What a deploy without flags would do: what preview shows the gate deciding. */
    static final DeployFlags NONE = new DeployFlags(false, false, false);
}
