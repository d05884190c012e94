package gkeserving.tools.pipeline.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gkeserving.tools.pipeline.smoke.TfServingRestDouble.StatusReply;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The double speaks TF Serving's REST shapes, so the smoke test's tests mean something. */
class TfServingRestDoubleTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void walksThroughTheScriptedStatesThenRepeatsTheLast() throws Exception {
        try (TfServingRestDouble serving = TfServingRestDouble.serving("m", 2)
                .statusSequence(StatusReply.noVersionsYet(), StatusReply.state("LOADING"), StatusReply.available())) {
            HttpResponse<String> first = get(serving, "/v1/models/m");
            HttpResponse<String> second = get(serving, "/v1/models/m");
            get(serving, "/v1/models/m");
            HttpResponse<String> fourth = get(serving, "/v1/models/m");

            assertThat(first.statusCode()).isEqualTo(404);
            assertThat(json(first).get("error").asText()).isEqualTo("Could not find any versions of model m");
            assertThat(json(second).at("/model_version_status/0/state").asText()).isEqualTo("LOADING");
            assertThat(json(fourth)).isEqualTo(MAPPER.readTree("""
                    {"model_version_status": [{"version": "2", "state": "AVAILABLE",
                      "status": {"error_code": "OK", "error_message": ""}}]}"""));
            assertThat(serving.statusCalls()).isEqualTo(4);
        }
    }

    @Test
    void predictsOnlyOnceTheModelIsAvailable() throws Exception {
        try (TfServingRestDouble serving = TfServingRestDouble.serving("m")
                .statusSequence(StatusReply.state("LOADING"), StatusReply.available())) {
            String body = "{\"instances\": [[1], [2], [3]]}";
            HttpResponse<String> early = post(serving, "/v1/models/m:predict", body);
            get(serving, "/v1/models/m");
            get(serving, "/v1/models/m");
            HttpResponse<String> ready = post(serving, "/v1/models/m:predict", body);

            assertThat(early.statusCode()).isEqualTo(404);
            assertThat(json(early).get("error").asText()).isEqualTo("Servable not found for request: Latest(m)");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json(ready).get("predictions")).hasSize(3)
                    .allSatisfy(row -> assertThat(row).hasSize(3));
        }
    }

    @Test
    void answersUnknownModelsAndBadRequestsLikeTfServing() throws Exception {
        try (TfServingRestDouble serving = TfServingRestDouble.serving("m")) {
            HttpResponse<String> unknown = get(serving, "/v1/models/other");
            HttpResponse<String> noKey = post(serving, "/v1/models/m:predict", "{\"rows\": []}");
            HttpResponse<String> badVerb = post(serving, "/v1/models/m:explain", "{}");

            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown).get("error").asText()).isEqualTo("Could not find any versions of model other");
            assertThat(noKey.statusCode()).isEqualTo(400);
            assertThat(json(noKey).get("error").asText()).isEqualTo("Missing 'inputs' or 'instances' key");
            assertThat(badVerb.statusCode()).isEqualTo(400);
            assertThat(json(badVerb).get("error").asText()).isEqualTo("Malformed request: POST /v1/models/m:explain");
        }
    }

    private HttpResponse<String> get(TfServingRestDouble serving, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(serving.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(TfServingRestDouble serving, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(serving.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }
}
