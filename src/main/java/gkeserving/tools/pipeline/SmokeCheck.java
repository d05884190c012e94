package gkeserving.tools.pipeline;

/**
 * Probes a freshly deployed endpoint. The pipeline's own seam: the real implementation adapts
 * {@code gkeserving.tools.pipeline.smoke.SmokeTest}, tests use a stand-in.
 */
@FunctionalInterface
public interface SmokeCheck {
    /**
     * @param baseUrl           TF Serving's REST base URL from the stack outputs, e.g. http://34.1.2.3:8501
     * @param modelName         the modelName output
     * @param sampleRequestJson models/&lt;modelName&gt;/sample-request.json
     */
    SmokeOutcome check(String baseUrl, String modelName, String sampleRequestJson);

}
