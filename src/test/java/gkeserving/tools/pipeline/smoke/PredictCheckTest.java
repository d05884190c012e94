package gkeserving.tools.pipeline.smoke;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PredictCheckTest {

    private static final SampleRequest TWO_ROWS = SampleRequest.parse("{\"instances\": [[1.0], [2.0]]}");
    private static final SampleRequest COLUMNAR = SampleRequest.parse("{\"inputs\": {\"x\": [[1.0], [2.0]]}}");

    @Test
    void acceptsOnePredictionPerInstance() {
        assertThat(PredictCheck.problem(TWO_ROWS, 200, "{\"predictions\": [[0.1, 0.9], [0.8, 0.2]]}")).isEmpty();
    }

    @Test
    void countsPredictionsAgainstInstances() {
        assertThat(PredictCheck.problem(TWO_ROWS, 200, "{\"predictions\": [[0.1, 0.9], [0.8, 0.2], [1, 0]]}"))
                .contains("answer has 3 predictions for 2 instances");
    }

    @Test
    void expectsTheResponseKeyOfTheRequestFormat() {
        assertThat(PredictCheck.problem(TWO_ROWS, 200, "{\"outputs\": [[0.1], [0.2]]}"))
                .contains("answer has no \"predictions\" (expected for a \"instances\" request): {\"outputs\": [[0.1], [0.2]]}");
        assertThat(PredictCheck.problem(COLUMNAR, 200, "{\"outputs\": {\"probabilities\": [[0.1], [0.2]]}}")).isEmpty();
    }

    @Test
    void quotesTfServingsErrorWithTheHttpStatus() {
        assertThat(PredictCheck.problem(TWO_ROWS, 400, "{ \"error\": \"Missing 'inputs' or 'instances' key\" }"))
                .contains("HTTP 400: Missing 'inputs' or 'instances' key");
    }

    @Test
    void reportsOtherFailuresWithAShortQuoteOfTheBody() {
        assertThat(PredictCheck.problem(TWO_ROWS, 502, "<html>\n  Bad Gateway\n</html>"))
                .contains("HTTP 502: <html> Bad Gateway </html>");
        assertThat(PredictCheck.problem(TWO_ROWS, 200, "x".repeat(500)))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("answer is not a JSON object: xxx").endsWith("...").hasSizeLessThan(250));
    }
}
