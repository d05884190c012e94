package gkeserving.tools.pipeline;

import gkeserving.program.serving.Endpoints;
import gkeserving.tools.pipeline.smoke.SmokeResult;

/**
 * Probes a freshly deployed endpoint: the pipeline's seam for {@code SmokeTest::run}, so tests of the
 * pipeline can stand in for TF Serving.
 */
@FunctionalInterface
public interface SmokeCheck {
    /**
     * @param endpoints         the serving URLs from the stack outputs
     * @param modelName         the modelName output
     * @param sampleRequestJson models/&lt;modelName&gt;/sample-request.json
     */
    SmokeResult check(Endpoints endpoints, String modelName, String sampleRequestJson);
}
