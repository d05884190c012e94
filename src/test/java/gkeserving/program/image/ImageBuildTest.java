package gkeserving.program.image;

import gkeserving.program.Fixtures;
import gkeserving.program.TestFiles;
import gkeserving.program.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ImageBuildTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final DockerDaemon ANSWERS = host -> Optional.empty();

    /** As App plans it: with the warm-up records the preflight generated from the sample request. */
    static ImageBuild plan(Settings settings) {
        var preflight = ImagePreflight.check(settings, PROJECT, ANSWERS, Optional.empty());
        return ImageBuild.plan(ServingImage.Args.of(settings, PROJECT, preflight.warmup(), true));
    }

    @Test
    void theImageIsNamedAfterTheModelAndTaggedByTheStagedContextsContent() {
        var plan = plan(Fixtures.settings("dev"));

        assertThat(plan.imageName()).isEqualTo("us-central1-docker.pkg.dev/gke-gpu-serving-dev/serving/iris:" + plan.tag());
        assertThat(plan.context()).isEqualTo(BuildContext.STAGING_ROOT + "/" + plan.tag());
        // The tag planned from the entries is the tag of the directory staged from them.
        assertThat(plan.tag()).isEqualTo(ContentTag.of(PROJECT.resolve(plan.context()),
                ImageBuild.dockerfileText(PROJECT), plan.buildArgs(), "linux/amd64"));
        assertThat(plan.buildArgs()).containsExactly(
                Map.entry("MODEL_NAME", "iris"), Map.entry("TF_SERVING_VERSION", "2.18.0"), Map.entry("VARIANT", "-gpu"));
    }

    @Test
    void theStagedContextHoldsTheModelAndTheGeneratedWarmupButTheModelDirectoryGetsNothing() {
        var plan = plan(Fixtures.settings("dev"));
        Path context = PROJECT.resolve(plan.context());

        assertThat(context.resolve("model/1/saved_model.pb")).hasSameBinaryContentAs(PROJECT.resolve("models/iris/1/saved_model.pb"));
        assertThat(context.resolve("model/sample-request.json")).exists();
        assertThat(context.resolve("warmup/1/assets.extra/tf_serving_warmup_requests")).isRegularFile();
        assertThat(context.resolve("model/1/assets.extra")).doesNotExist();
        assertThat(PROJECT.resolve("models/iris/1/assets.extra")).doesNotExist();
    }

    @Test
    void aRunThatBuildsNothingHereStagesNothingButNamesTheSameContext(@TempDir Path tmp) throws IOException {
        Path project = Files.createDirectories(tmp.resolve("project"));
        TestFiles.copyTree(PROJECT.resolve("models/iris"), project.resolve("models/iris"));
        TestFiles.copyTree(PROJECT.resolve("serving"), project.resolve("serving"));
        Settings dev = Fixtures.settings("dev");
        var warmup = ImagePreflight.check(dev, project, ANSWERS, Optional.empty()).warmup();

        var offline = ImageBuild.plan(ServingImage.Args.of(dev, project, warmup, false));
        assertThat(project.resolve("target")).doesNotExist();

        var building = ImageBuild.plan(ServingImage.Args.of(dev, project, warmup, true));
        assertThat(building).isEqualTo(offline);
        assertThat(project.resolve(building.context())).isDirectory();
    }

    @Test
    void anUnchangedModelPlansTheSameImageAndANewTfServingVersionANewOne() {
        var first = plan(Fixtures.settings("dev"));
        var again = plan(Fixtures.settings("dev"));
        var upgraded = plan(Fixtures.settings("dev", Map.of("gke-gpu-serving:serving", "{\"tfServingVersion\": \"2.17.0\"}")));

        assertThat(again.imageName()).isEqualTo(first.imageName());
        assertThat(upgraded.imageName()).isNotEqualTo(first.imageName());
    }

    @Test
    void theTagChangesWhenTheWarmupDataChangesAndOnlyThen() {
        Settings dev = Fixtures.settings("dev");
        var preflight = ImagePreflight.check(dev, PROJECT, ANSWERS, Optional.empty());
        var withWarmup = ImageBuild.plan(ServingImage.Args.of(dev, PROJECT, preflight.warmup(), true));
        var sameWarmup = ImageBuild.plan(ServingImage.Args.of(dev, PROJECT, preflight.warmup(), true));
        var otherWarmup = ImageBuild.plan(ServingImage.Args.of(dev, PROJECT, new WarmupFiles(
                new TreeMap<>(Map.of(WarmupFiles.path(1), new byte[] {1, 2, 3})), List.of()), true));
        var none = ImageBuild.plan(ServingImage.Args.of(dev, PROJECT, WarmupFiles.NONE, true));

        assertThat(sameWarmup.tag()).isEqualTo(withWarmup.tag());
        assertThat(List.of(otherWarmup.tag(), none.tag())).doesNotContain(withWarmup.tag()).doesNotHaveDuplicates();
    }

    @Test
    void aStagedContextWhoseModelFileWasReplacedIsStagedAgain(@TempDir Path tmp) throws IOException {
        Path model = TestFiles.copyTree(PROJECT.resolve("models/iris"), tmp.resolve("model"));
        Path project = Files.createDirectories(tmp.resolve("project"));
        List<ContextEntry> entries = BuildContext.entries(model, WarmupFiles.NONE);
        Path staged = BuildContext.stage(project, "t", entries);
        Path sample = model.resolve("sample-request.json");
        String before = Files.readString(staged.resolve("model/sample-request.json"));

        // A new file under the same name (an editor's save, a re-export) is a new inode: the staged link still holds the old one.
        Files.delete(sample);
        Files.writeString(sample, before.replace("5.1", "9.9"));
        assertThat(BuildContext.faithful(staged, entries)).isFalse();

        Path again = BuildContext.stage(project, "t", entries);
        assertThat(Files.readString(again.resolve("model/sample-request.json"))).contains("9.9");
    }

    @Test
    void pathsGivenToTheProviderAreProjectRelativeWithForwardSlashes() {
        Path project = Path.of("/work/project");

        assertThat(ImageBuild.projectRelative(project, project.resolve("models/hf-vit"))).isEqualTo("models/hf-vit");
        assertThat(ImageBuild.projectRelative(project, project.resolve("models/../models/iris"))).isEqualTo("models/iris");
        assertThat(ImageBuild.projectRelative(project, Path.of("/data/models/iris"))).isEqualTo("/data/models/iris");
    }

    @Test
    void dockerfileRunsAsTheUidThePodsRunAs() throws IOException {
        String dockerfile = Files.readString(Path.of(ImageBuild.DOCKERFILE));
        assertThat(dockerfile)
                .containsPattern("(?m)^USER " + ImageBuild.NON_ROOT_UID + ":" + ImageBuild.NON_ROOT_UID + "$");
    }

    @Test
    void dockerfileCopiesTheModelInItsOwnLayerAfterTheBaseAndTheWarmupRecordsAfterIt() throws IOException {
        List<String> instructions = Files.readAllLines(Path.of(ImageBuild.DOCKERFILE)).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        int from = indexOf(instructions, "FROM tensorflow/serving:");
        int model = indexOf(instructions, "COPY --chmod=0555 " + BuildContext.MODEL_DIR + "/ /models/${MODEL_NAME}/");
        int warmup = indexOf(instructions, "COPY --chmod=0555 " + BuildContext.WARMUP_DIR + "/ /models/${MODEL_NAME}/");
        assertThat(from).isLessThan(model);
        assertThat(model).isLessThan(warmup);
        assertThat(instructions.subList(from + 1, instructions.size())).filteredOn(line -> line.startsWith("COPY")).hasSize(2);
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + prefix + " in " + lines);
    }
}
