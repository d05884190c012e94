package gkeserving.tools.pipeline.smoke;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelStatusTest {

    /** TF Serving's own pretty-printed answer. */
    private static final String AVAILABLE = """
            {
             "model_version_status": [
              {
               "version": "1",
               "state": "AVAILABLE",
               "status": {
                "error_code": "OK",
                "error_message": ""
               }
              }
             ]
            }
            """;

    @Test
    void readsTfServingsModelStatus() {
        ModelStatus status = ModelStatus.parse(AVAILABLE);

        assertThat(status.versions()).containsExactly(new ModelVersionStatus(1, "AVAILABLE", "OK", ""));
        assertThat(status.newestAvailable()).map(ModelVersionStatus::version).contains(1L);
        assertThat(status.newestLoadFailure()).isEmpty();
    }

    @Test
    void picksTheNewestAvailableVersionAndDescribesTheRest() {
        ModelStatus status = ModelStatus.parse("""
                {"model_version_status": [
                  {"version": "2", "state": "AVAILABLE"},
                  {"version": 7, "state": "LOADING"},
                  {"version": "5", "state": "AVAILABLE", "status": {"error_code": "OK", "error_message": ""}}]}
                """);

        assertThat(status.newestAvailable()).map(ModelVersionStatus::version).contains(5L);
        assertThat(status.describe()).isEqualTo("version 2 is AVAILABLE, version 7 is LOADING, version 5 is AVAILABLE");
    }

    @Test
    void endWithAnErrorIsALoadFailureButEndWithOkIsAnOrdinaryUnload() {
        ModelStatus status = ModelStatus.parse("""
                {"model_version_status": [
                  {"version": "1", "state": "END", "status": {"error_code": "OK", "error_message": ""}},
                  {"version": "2", "state": "END",
                   "status": {"error_code": "UNKNOWN", "error_message": "Op type not registered 'Foo'"}}]}
                """);

        assertThat(status.newestLoadFailure())
                .contains(new ModelVersionStatus(2, "END", "UNKNOWN", "Op type not registered 'Foo'"));
        assertThat(status.versions().get(0).failedToLoad()).isFalse();
    }

    @Test
    void anEmptyListIsNotAvailableAndSaysSo() {
        ModelStatus status = ModelStatus.parse("{\"model_version_status\": []}");

        assertThat(status.newestAvailable()).isEmpty();
        assertThat(status.describe()).isEqualTo("no versions listed");
    }

    @Test
    void rejectsWhatIsNotAModelStatusQuotingIt() {
        assertThatThrownBy(() -> ModelStatus.parse("<html>Welcome to nginx!</html>"))
                .hasMessage("not a TF Serving model status (not JSON): <html>Welcome to nginx!</html>");
        assertThatThrownBy(() -> ModelStatus.parse("{\"status\": \"ok\"}"))
                .hasMessageStartingWith("not a TF Serving model status (no \"model_version_status\" list)");
        assertThatThrownBy(() -> ModelStatus.parse("{\"model_version_status\": [{\"version\": \"one\", \"state\": \"END\"}]}"))
                .hasMessageStartingWith("not a TF Serving model status (a version entry without a numeric \"version\")");
        assertThatThrownBy(() -> ModelStatus.parse("{\"model_version_status\": [{\"version\": 1.5, \"state\": \"END\"}]}"))
                .hasMessageStartingWith("not a TF Serving model status (a version entry without a numeric \"version\")");
    }
}
