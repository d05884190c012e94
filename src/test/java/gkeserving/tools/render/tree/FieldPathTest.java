package gkeserving.tools.render.tree;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One path type for secret masking and for schema problems; printed the way people read a manifest. */
class FieldPathTest {
    @Test
    void rootPrintsAsNothing() {
        assertThat(FieldPath.ROOT).hasToString("");
        assertThat(FieldPath.ROOT.segments()).isEmpty();
    }

    @Test
    void fieldsJoinWithDotsAndIndexesTakeBrackets() {
        assertThat(FieldPath.ROOT.field("spec").field("containers").index(0).field("env").index(12).field("value"))
                .hasToString("spec.containers[0].env[12].value");
        assertThat(FieldPath.ROOT.index(3).field("name")).hasToString("[3].name");
    }

    @Test
    void keysThatAreNotPlainAreQuotedInBrackets() {
        assertThat(FieldPath.ROOT.field("spec").field("limits").field("nvidia.com/gpu"))
                .hasToString("spec.limits[\"nvidia.com/gpu\"]");
        assertThat(FieldPath.ROOT.field("data").field("models.config")).hasToString("data[\"models.config\"]");
        assertThat(FieldPath.ROOT.field("a b").field("c")).hasToString("[\"a b\"].c");
        assertThat(FieldPath.ROOT.field("say \"hi\"")).hasToString("[\"say \\\"hi\\\"\"]");
        assertThat(FieldPath.ROOT.field("")).hasToString("[\"\"]");
        assertThat(FieldPath.ROOT.field("x_y-Z$9")).hasToString("x_y-Z$9");
    }

    @Test
    void segmentsSayWhichStepIsAnIndex() {
        List<FieldPath.Segment> segments = FieldPath.ROOT.field("items").index(2).segments();

        assertThat(segments).extracting(FieldPath.Segment::isIndex).containsExactly(false, true);
        assertThat(segments.get(0).name()).isEqualTo("items");
        assertThat(segments.get(1).index()).isEqualTo(2);
    }

    @Test
    void extendingAPathLeavesTheOriginalAsItWas() {
        FieldPath spec = FieldPath.ROOT.field("spec");
        FieldPath replicas = spec.field("replicas");

        assertThat(spec).hasToString("spec");
        assertThat(replicas).hasToString("spec.replicas").isNotEqualTo(spec);
        assertThat(replicas).isEqualTo(FieldPath.ROOT.field("spec").field("replicas"));
    }
}
