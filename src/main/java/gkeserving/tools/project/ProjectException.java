package gkeserving.tools.project;

/** A missing or malformed project, stack file or stack name; its message is meant for the user as is. */
public final class ProjectException extends RuntimeException {
    public ProjectException(String message) {
        super(message);
    }
}
