package gkeserving.tools.pipeline;

import gkeserving.program.Fixtures;
import gkeserving.program.config.InvalidConfigException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Promote and the program judge a digest reference with the same type: what the program would refuse as
 * {@code image.existingDigest} is refused by promote before the target stack is touched.
 */
class PromoteDigestTest {
    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path tempDir;

    /** Each of these passed the pipeline's former pattern ({@code [^\s@]+@sha256:<hex>}). */
    @ParameterizedTest
    @ValueSource(strings = {
            "iris@sha256:" + HEX,
            "us-central1-docker.pkg.dev/p/serving/Iris@sha256:" + HEX,
            "us-central1-docker.pkg.dev/p/serving/iris:1.0@sha256:" + HEX})
    void aReferenceTheProgramRefusesIsNotPromoted(String imageRef) {
        assertThatThrownBy(() -> Fixtures.settings("prod", Map.of(Fixtures.IMAGE, "{\"existingDigest\":\"" + imageRef + "\"}")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("image.existingDigest");
        PipelineHarness h = PipelineHarness.create(tempDir);
        h.cli.outputs("staging", Map.of("imageRef", imageRef), Set.of());

        int exit = h.run("promote", "--from", "staging", "--to", "prod", "--yes");

        assertThat(exit).isEqualTo(1);
        assertThat(h.err()).contains("stack staging exports imageRef '" + imageRef + "', which is not a digest reference "
                + "(<repository>@sha256:<64 hex digits>); promotion moves digests only");
        assertThat(h.argvs()).noneMatch(argv -> argv.contains("prod"));
    }
}
