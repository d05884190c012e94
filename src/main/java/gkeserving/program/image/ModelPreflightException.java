package gkeserving.program.image;

/** A model directory TF Serving would not serve; the message names the path and what is expected. */
public class ModelPreflightException extends RuntimeException {

    public ModelPreflightException(String message) {
        super(message);
    }
}
