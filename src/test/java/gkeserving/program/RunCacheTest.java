package gkeserving.program;

import com.pulumi.resources.ResourceTransformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** ProgramRun shares a run only with runs that read exactly the same: stack, config and files. */
class RunCacheTest {
    private static final String IMAGE = ResourceTypes.DOCKER_IMAGE;

    @TempDir
    Path temp;

    @Test
    void anIdenticalRunIsRunOnce() {
        assertThat(ProgramRun.of("dev").outcome()).isSameAs(ProgramRun.of("dev").outcome());
    }

    @Test
    void anotherStackOrConfigIsAnotherRun() {
        var dev = ProgramRun.of("dev").outcome();

        assertThat(ProgramRun.of("staging").outcome()).isNotSameAs(dev);
        assertThat(ProgramRun.of("dev", Map.of(Fixtures.IMAGE, "{\"keepVersions\": 3}")).outcome()).isNotSameAs(dev);
    }

    @Test
    void runsWithTransformationsAreTheCallersOwn() {
        AtomicInteger seen = new AtomicInteger();
        ResourceTransformation counting = args -> {
            seen.incrementAndGet();
            return Optional.empty();
        };

        var first = ProgramRun.of("dev", Map.of(), List.of(counting)).outcome();
        int perRun = seen.get();
        var second = ProgramRun.of("dev", Map.of(), List.of(counting)).outcome();

        assertThat(second).isNotSameAs(first);
        assertThat(perRun).isPositive();
        assertThat(seen.get()).isEqualTo(2 * perRun);
    }

    @Test
    void aChangedFileInTheModelDirectoryIsAnotherRun() throws Exception {
        Path model = copyOf(ProgramRun.FILES.projectDir().resolve("models/iris"), temp.resolve("iris"));
        Map<String, String> atCopy = Map.of(Fixtures.MODEL, "{\"path\": \"" + model + "\"}");
        var before = ProgramRun.of("dev", atCopy).assertSucceeded();

        Files.writeString(model.resolve("sample-request.json"), " ", StandardOpenOption.APPEND);
        var after = ProgramRun.of("dev", atCopy).assertSucceeded();

        assertThat(after.outcome()).isNotSameAs(before.outcome());
        // The image's tag hashes the build context: the second run saw the changed file.
        assertThat(ProgramRun.at(after.onlyOne(IMAGE), "imageName"))
                .isNotEqualTo(ProgramRun.at(before.onlyOne(IMAGE), "imageName"));
    }

    private static Path copyOf(Path source, Path target) throws Exception {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Files.copy(path, target.resolve(source.relativize(path).toString()));
            }
        }
        return target;
    }
}
