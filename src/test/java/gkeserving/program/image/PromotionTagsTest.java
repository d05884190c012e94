package gkeserving.program.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PromotionTagsTest {
    @Test
    void aStackGetsItsPromotedTagAndThePreviousOneBothUnderThePrefixTheRegistryKeeps() {
        PromotionTags tags = PromotionTags.forStack("prod").orElseThrow();

        assertThat(tags.current()).isEqualTo("promoted-prod");
        assertThat(tags.previous()).isEqualTo("promoted-prod-previous");
        assertThat(tags.current()).startsWith(PromotionTags.PREFIX);
        assertThat(tags.previous()).startsWith(PromotionTags.PREFIX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod+eu", "org/prod", "prod eu", "prød", ""})
    void aStackNameThatMakesNoDockerTagGetsNone(String stack) {
        assertThat(PromotionTags.forStack(stack)).isEmpty();
    }

    @Test
    void theLongestTagIsDockersLimit() {
        String longest = "s".repeat(PromotionTags.MAX_STACK_NAME);

        assertThat(PromotionTags.forStack(longest).orElseThrow().previous()).hasSize(128);
        assertThat(PromotionTags.forStack(longest + "s")).isEmpty();
        assertThat(PromotionTags.forStack("staging_2.eu-west")).isPresent();
    }
}
