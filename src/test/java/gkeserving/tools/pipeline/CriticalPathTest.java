package gkeserving.tools.pipeline;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.StackDeployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CriticalPathTest {
    private static TimedOperation op(String name, String op, long start, long end) {
        return new TimedOperation("urn:" + name, "t:" + name, name, op, java.time.Instant.ofEpochSecond(start).toString(),
                java.time.Instant.ofEpochSecond(end).toString(), end - start, true, false);
    }

    @Test
    void aResourceTheUpdateDidNotTouchPassesTheWaitOnToWhatItWaitsFor() {
        // deployment -> namespace (unchanged) -> provider (updated)
        var provider = op("provider", "update", 0, 30);
        var unrelated = op("bucket", "create", 0, 40);
        var deployment = op("deployment", "update", 31, 90);
        Map<String, Set<String>> graph = Map.of(
                "urn:deployment", Set.of("urn:namespace"),
                "urn:namespace", Set.of("urn:provider"));

        assertThat(CriticalPath.chain(List.of(provider, unrelated, deployment), graph)).containsExactly(provider, deployment);
    }

    @Test
    void aPredecessorThatEndedAfterTheOperationStartedDidNotHoldItBack() {
        var early = op("early", "create", 0, 10);
        var late = op("late", "create", 0, 50);
        var target = op("target", "create", 20, 60);
        Map<String, Set<String>> graph = Map.of("urn:target", Set.of("urn:early", "urn:late"));

        assertThat(CriticalPath.chain(List.of(early, late, target), graph)).containsExactly(early, target);
    }

    @Test
    void aReplacementsDeleteFollowsItsCreate() {
        var create = op("pool", "create-replacement", 0, 100);
        var delete = op("pool", "delete-replaced", 100, 160);

        assertThat(CriticalPath.chain(List.of(create, delete), Map.of())).containsExactly(create, delete);
    }

    @Test
    void theGraphIsReadFromTheStatesDependenciesProviderAndParent() throws AutomationException {
        String json = """
                {"version": 3, "deployment": {"resources": [
                  {"urn": "urn:a", "custom": true, "dependencies": ["urn:b"],
                   "provider": "urn:pulumi:dev::p::pulumi:providers:kubernetes::k8s::04da6b54-80e4-46f7-96ec-b56ff0331ba9",
                   "parent": "urn:component"},
                  {"urn": "urn:b", "custom": true}]}}""";

        Map<String, Set<String>> graph = CriticalPath.waitsFor(StackDeployment.fromJson(json));

        assertThat(graph.get("urn:a")).containsExactlyInAnyOrder(
                "urn:b", "urn:pulumi:dev::p::pulumi:providers:kubernetes::k8s", "urn:component");
        assertThat(graph.get("urn:b")).isEmpty();
    }

    @Test
    void componentsAndUnfinishedOperationsAreNeitherOnThePathNorAmongTheLongest() {
        var component = new TimedOperation("urn:c", "p:index:Component", "c", "create", "1970-01-01T00:00:00Z",
                "1970-01-01T01:00:00Z", 3600L, false, false);
        var unfinished = new TimedOperation("urn:u", "t:u", "u", "create", "1970-01-01T00:00:00Z", null, null, true, false);
        var real = op("real", "create", 0, 5);

        assertThat(CriticalPath.chain(List.of(component, unfinished, real), Map.of())).containsExactly(real);
        assertThat(CriticalPath.longest(List.of(component, unfinished, real), 10)).containsExactly(real);
    }
}
