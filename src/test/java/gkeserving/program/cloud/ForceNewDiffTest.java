package gkeserving.program.cloud;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider's diff rules the second-run check relies on, on a small hand-written table. */
class ForceNewDiffTest {
    private static final String T = "gcp:x/thing:Thing";
    private static final ReplaceOnChangeTable TABLE = ReplaceOnChangeTable.parse(List.of(
            "| resource type | path | force-new | computed | compare | default | source |",
            "| `gcp:x/thing:Thing` | `size` | yes | yes | | | a.go:1 |",
            "| `gcp:x/thing:Thing` | `mode` | yes | no | | | a.go:2 |",
            "| `gcp:x/thing:Thing` | `spot` | yes | no | | `false` | a.go:3 |",
            "| `gcp:x/thing:Thing` | `network` | yes | no | self-link | | a.go:4 |",
            "| `gcp:x/thing:Thing` | `scopes` | yes | yes | set | | a.go:5 |",
            "| `gcp:x/thing:Thing` | `config` | yes | yes | block | | a.go:6 |",
            "| `gcp:x/thing:Thing` | `config.streaming` | yes | no | block | | a.go:7 |",
            "| `gcp:x/thing:Thing` | `config.labels` | no | yes | | | a.go:8 |",
            "| `gcp:x/thing:Thing` | `accelerators.count` | yes | no | | | a.go:9 |"));

    private static List<String> paths(Map<String, Object> state, Map<String, Object> inputs, String... ignored) {
        return ForceNewDiff.of(TABLE, T, "t", state, inputs, List.of(ignored)).stream()
                .map(ForceNewDiff.Change::path).toList();
    }

    @Test
    void aComputedFieldLeftOutKeepsTheApiValue() {
        assertThat(paths(Map.of("size", 100.0), Map.of())).isEmpty();
    }

    @Test
    void aFieldThatIsNotComputedAndLeftOutIsAChangeToUnset() {
        assertThat(paths(Map.of("mode", "A"), Map.of())).containsExactly("mode");
    }

    @Test
    void aLeftOutFieldTakesItsSchemaDefault() {
        assertThat(paths(Map.of("spot", false), Map.of())).isEmpty();
        assertThat(paths(Map.of("spot", true), Map.of())).containsExactly("spot");
    }

    @Test
    void aNameEqualsItsSelfLink() {
        assertThat(paths(Map.of("network", "https://www.googleapis.com/compute/v1/projects/p/global/networks/vpc"),
                Map.of("network", "vpc"))).isEmpty();
        assertThat(paths(Map.of("network", "projects/p/global/networks/vpc"), Map.of("network", "other"))).containsExactly("network");
    }

    @Test
    void aSetComparesWithoutOrder() {
        assertThat(paths(Map.of("scopes", List.of("a", "b")), Map.of("scopes", List.of("b", "a")))).isEmpty();
        assertThat(paths(Map.of("scopes", List.of("a", "b")), Map.of("scopes", List.of("a")))).containsExactly("scopes");
    }

    @Test
    void aBlockCountsOnlyItsPresenceAndItsForceNewFieldsCountOnTheirOwn() {
        var state = Map.<String, Object>of("config", Map.of("labels", Map.of("a", "1"), "streaming", Map.of("on", true)));
        assertThat(paths(state, Map.of("config", Map.of("labels", Map.of("a", "2"), "streaming", Map.of("on", true))))).isEmpty();
        assertThat(paths(state, Map.of("config", Map.of("labels", Map.of("a", "1"))))).containsExactly("config.streaming");
    }

    @Test
    void aComputedBlockLeftOutHidesItsFields() {
        assertThat(paths(Map.of("config", Map.of("streaming", Map.of("on", true))), Map.of())).isEmpty();
    }

    @Test
    void fieldsInsideListsOfBlocksCompareElementByElement() {
        var state = Map.<String, Object>of("accelerators", List.of(Map.of("count", 1.0), Map.of("count", 2.0)));
        assertThat(paths(state, Map.of("accelerators", List.of(Map.of("count", 1), Map.of("count", 2))))).isEmpty();
        assertThat(paths(state, Map.of("accelerators", List.of(Map.of("count", 1), Map.of("count", 4))))).containsExactly("accelerators.count");
    }

    @Test
    void ignoreChangesCoversAPathAndEverythingUnderIt() {
        var state = Map.<String, Object>of("config", Map.of("streaming", Map.of("on", true)), "mode", "A");
        assertThat(paths(state, Map.of("config", Map.of()), "config")).containsExactly("mode");
    }
}
