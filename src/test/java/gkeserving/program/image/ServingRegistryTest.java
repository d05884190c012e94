package gkeserving.program.image;

import com.pulumi.core.Output;
import gkeserving.program.Fixtures;
import gkeserving.program.config.ArtifactRegistry;
import gkeserving.program.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static gkeserving.program.ProgramRun.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link ServingRegistry} and {@link ImageBuild#args} from shipped stacks' settings, without Pulumi. */
class ServingRegistryTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @ParameterizedTest(name = "{0}")
    @MethodSource("gkeserving.program.ProgramRun#shippedStackNames")
    void theRegistryIsTheStacksDockerRepositoryAndKeepsOnlyTheLastVersions(String stack) {
        Settings s = Fixtures.settings(stack);
        var repository = Fixtures.inputs(ServingRegistry.args(ArtifactRegistry.of(s.gcp(), s.image()), s.image().keepVersions()));

        assertThat(at(repository, "project")).isEqualTo(s.gcp().project());
        assertThat(at(repository, "location")).isEqualTo(s.gcp().region());
        assertThat(at(repository, "repositoryId")).isEqualTo(s.image().repository());
        assertThat(at(repository, "format")).isEqualTo("DOCKER");
        assertThat(at(repository, "cleanupPolicyDryRun")).isEqualTo(false);
        assertThat(at(repository, "cleanupPolicies")).isEqualTo(List.of(
                Map.of("id", "keep-most-recent", "action", "KEEP",
                        "mostRecentVersions", Map.of("keepCount", (double) s.image().keepVersions())),
                Map.of("id", "keep-promoted", "action", "KEEP",
                        "condition", Map.of("tagState", "TAGGED", "tagPrefixes", List.of("promoted-"))),
                Map.of("id", "delete-older", "action", "DELETE", "condition", Map.of("tagState", "ANY"))));
    }

    /**
     * The policies as Artifact Registry applies them: a version goes when a DELETE policy matches it and no KEEP
     * policy does. What promote tagged stays however old; of the rest only the newest keepVersions stay.
     */
    @Test
    void cleanupKeepsTheNewestVersionsAndEveryPromotedOneAndDeletesTheRest() {
        Settings s = Fixtures.settings("staging", Map.of(Fixtures.IMAGE, "{\"keepVersions\": 3}"));
        var repository = Fixtures.inputs(ServingRegistry.args(ArtifactRegistry.of(s.gcp(), s.image()), s.image().keepVersions()));
        List<Version> versions = List.of(  // oldest first
                new Version("v1", Set.of("c1", "promoted-prod-previous")),
                new Version("v2", Set.of("c2", "promoted-prod")),
                new Version("v3", Set.of("c3")),
                new Version("v4", Set.of()),
                new Version("v5", Set.of("c5")),
                new Version("v6", Set.of("c6")),
                new Version("v7", Set.of("c7", "promoted-dev")));

        assertThat(CleanupModel.deleted(at(repository, "cleanupPolicies"), versions)).containsExactly("v3", "v4");
    }

    record Version(String name, Set<String> tags) {
    }

    /** Google's documented rules for the fields this program sets (cleanup-policy-overview: KEEP wins over DELETE). */
    static final class CleanupModel {
        @SuppressWarnings("unchecked")
        static List<String> deleted(Object policies, List<Version> oldestFirst) {
            List<Map<String, Object>> all = (List<Map<String, Object>>) policies;
            List<String> deleted = new ArrayList<>();
            for (int i = 0; i < oldestFirst.size(); i++) {
                int newer = oldestFirst.size() - 1 - i;
                Version v = oldestFirst.get(i);
                boolean delete = all.stream().anyMatch(p -> p.get("action").equals("DELETE") && matches(p, v, newer));
                boolean keep = all.stream().anyMatch(p -> p.get("action").equals("KEEP") && matches(p, v, newer));
                if (delete && !keep) {
                    deleted.add(v.name());
                }
            }
            return deleted;
        }

        @SuppressWarnings("unchecked")
        private static boolean matches(Map<String, Object> policy, Version v, int newerVersions) {
            if (policy.get("mostRecentVersions") instanceof Map<?, ?> recent) {
                return newerVersions < ((Number) recent.get("keepCount")).intValue();
            }
            Map<String, Object> condition = (Map<String, Object>) policy.get("condition");
            String tagState = (String) condition.get("tagState");
            if (tagState.equals("ANY")) {
                return true; // the tag prefixes are not applied to ANY
            }
            boolean tagged = !v.tags().isEmpty();
            if (tagState.equals("UNTAGGED")) {
                return !tagged;
            }
            List<String> prefixes = (List<String>) condition.getOrDefault("tagPrefixes", List.of());
            return tagged && (prefixes.isEmpty() || v.tags().stream().anyMatch(t -> prefixes.stream().anyMatch(t::startsWith)));
        }
    }

    @Test
    void theImageIsBuiltWithBuildKitForAmd64NeverOnPreviewAndPushedWithTheToken() {
        var plan = ImageBuild.plan(ServingImage.Args.of(Fixtures.settings("dev"), PROJECT, WarmupFiles.NONE, false));
        var args = plan.args(Output.of("token").asSecret());
        var image = Fixtures.inputs(args);

        assertThat(at(image, "imageName")).isEqualTo(plan.imageName());
        assertThat(at(image, "build.context")).isEqualTo("target/serving-image/" + plan.tag());
        assertThat(at(image, "build.dockerfile")).isEqualTo("serving/Dockerfile");
        assertThat(at(image, "build.platform")).isEqualTo("linux/amd64");
        assertThat(at(image, "build.args")).isEqualTo(plan.buildArgs());
        assertThat(at(image, "build.builderVersion")).isEqualTo("BuilderBuildKit");
        assertThat(at(image, "buildOnPreview")).isEqualTo(false);
        assertThat(at(image, "registry.server")).isEqualTo("us-central1-docker.pkg.dev");
        assertThat(at(image, "registry.username")).isEqualTo("oauth2accesstoken");
        assertThat(Fixtures.isSecret(args.registry().map(Fixtures::value).orElseThrow().password().orElseThrow())).isTrue();
    }
}
