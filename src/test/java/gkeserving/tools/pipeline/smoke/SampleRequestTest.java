package gkeserving.tools.pipeline.smoke;

import gkeserving.tools.pipeline.smoke.SampleRequest.Format;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleRequestTest {

    @Test
    void countsTheInstancesOfARowFormatRequest() {
        SampleRequest request = SampleRequest.parse("{\"signature_name\": \"serving_default\", \"instances\": [1.0, 2.0, 5.0]}");

        assertThat(request.format()).isEqualTo(Format.ROW);
        assertThat(request.instanceCount()).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void acceptsAColumnarRequestWithoutACount() {
        SampleRequest request = SampleRequest.parse("{\"inputs\": {\"x\": [[1.0], [2.0]]}}");

        assertThat(request.format()).isEqualTo(Format.COLUMNAR);
        assertThat(request.instanceCount()).isEmpty();
    }

    @Test
    void keepsTheBodyAsGiven() {
        String body = "{ \"instances\" : [ [1, 2] ] }";

        assertThat(SampleRequest.parse(body).body()).isSameAs(body);
    }

    @Test
    void explainsEachWayARequestCanBeUnusable() {
        assertThatThrownBy(() -> SampleRequest.parse(" "))
                .hasMessage("sample predict request is empty; expected a JSON object with \"instances\" (row format)"
                        + " or \"inputs\" (columnar)");
        assertThatThrownBy(() -> SampleRequest.parse("{\"instances\": [1,"))
                .hasMessageStartingWith("sample predict request is not valid JSON: {\"instances\": [1,");
        assertThatThrownBy(() -> SampleRequest.parse("[[1.0, 2.0]]"))
                .hasMessage("sample predict request must be a JSON object with \"instances\" or \"inputs\", found ARRAY");
        assertThatThrownBy(() -> SampleRequest.parse("{\"examples\": []}"))
                .hasMessage("sample predict request needs \"instances\" (row format) or \"inputs\" (columnar);"
                        + " found keys [examples]");
        assertThatThrownBy(() -> SampleRequest.parse("{\"instances\": [], \"inputs\": {}}"))
                .hasMessage("sample predict request has both \"instances\" and \"inputs\"; TF Serving accepts exactly one of them");
        assertThatThrownBy(() -> SampleRequest.parse("{\"instances\": []}"))
                .hasMessage("sample predict request \"instances\" must be a non-empty list, one element per example");
    }
}
