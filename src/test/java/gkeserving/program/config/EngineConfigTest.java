package gkeserving.program.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineConfigTest {
    @Test
    void listsTheKeysTheEnginePassesInEitherForm() {
        assertThat(EngineConfig.keys("{\"gcp:region\":\"us-central1\",\"gke-gpu-serving:config:gpupool\":\"{}\","
                + "\"gke-gpu-serving:serving\":\"{}\"}"))
                .containsExactly("gcp:region", "gke-gpu-serving:gpupool", "gke-gpu-serving:serving");
    }

    @Test
    void unknownWhenTheEngineSaysNothing() {
        assertThat(EngineConfig.keys(null)).isEmpty();
        assertThat(EngineConfig.keys("not json")).isEmpty();
    }
}
