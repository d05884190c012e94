package gkeserving.program.image;

import static gkeserving.program.TestFiles.copyTree;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tag changes exactly when something that goes into the image changes. */
class ContentTagTest {
    private static final Path IRIS = Path.of("models/iris");
    private static final String DOCKERFILE = "FROM tensorflow/serving:${TF_SERVING_VERSION}${VARIANT}\nCOPY . /models/x/\n";
    private static final Map<String, String> ARGS = Map.of("TF_SERVING_VERSION", "2.18.0", "VARIANT", "-gpu", "MODEL_NAME", "iris");
    private static final String PLATFORM = "linux/amd64";

    @TempDir
    Path tmp;
    Path model;

    @BeforeEach
    void copyTheSampleModel() throws IOException {
        model = copyTree(IRIS, tmp.resolve("a"));
    }

    private String tag(Path dir) {
        return ContentTag.of(dir, DOCKERFILE, ARGS, PLATFORM);
    }

    @Test
    void isShortLowercaseHexAndTheSameForTheSameInputs() {
        assertThat(tag(model)).matches("[0-9a-f]{" + ContentTag.LENGTH + "}").isEqualTo(tag(model));
    }

    @Test
    void doesNotDependOnWhereTheModelLivesOrWhenItsFilesWereWritten() throws IOException {
        Path elsewhere = copyTree(IRIS, tmp.resolve("b/deeper/iris"));
        try (Stream<Path> files = Files.walk(elsewhere)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
            }
        }

        assertThat(tag(elsewhere)).isEqualTo(tag(model));
    }

    @Test
    void doesNotDependOnTheOrderFilesWereCreatedIn() throws IOException {
        Path first = Files.createDirectories(tmp.resolve("first"));
        Path second = Files.createDirectories(tmp.resolve("second"));
        for (String name : List.of("1/a", "1/b", "2/c")) {
            write(first.resolve(name), name);
        }
        for (String name : List.of("2/c", "1/b", "1/a")) {
            write(second.resolve(name), name);
        }

        assertThat(tag(second)).isEqualTo(tag(first));
    }

    @Test
    void changesWhenOneByteOfTheModelChanges() throws IOException {
        String before = tag(model);
        Path variables = model.resolve("1/variables/variables.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(variables);
        bytes[bytes.length / 2] ^= 1;
        Files.write(variables, bytes);

        assertThat(tag(model)).isNotEqualTo(before);
    }

    @Test
    void changesWhenAFileIsAddedRemovedOrRenamed() throws IOException {
        String original = tag(model);

        write(model.resolve("2/saved_model.pb"), "another version");
        String added = tag(model);
        Files.move(model.resolve("2/saved_model.pb"), model.resolve("2/renamed.pb"));
        String renamed = tag(model);
        Files.delete(model.resolve("2/renamed.pb"));
        Files.delete(model.resolve("2"));

        assertThat(added).isNotEqualTo(original);
        assertThat(renamed).isNotEqualTo(added).isNotEqualTo(original);
        assertThat(tag(model)).isEqualTo(original);
    }

    @Test
    void countsHiddenFilesAndEmptyDirectoriesBecauseDockerCopiesThem() throws IOException {
        String before = tag(model);
        write(model.resolve(".DS_Store"), "finder");
        String withHidden = tag(model);
        Files.delete(model.resolve(".DS_Store"));
        Files.createDirectories(model.resolve("1/assets"));

        assertThat(withHidden).isNotEqualTo(before);
        assertThat(tag(model)).isNotEqualTo(before);
    }

    @Test
    void changesWithTheTfServingVersionTheVariantTheModelNameTheDockerfileAndThePlatform() {
        String base = tag(model);

        assertThat(List.of(
                ContentTag.of(model, DOCKERFILE, with("TF_SERVING_VERSION", "2.17.0"), PLATFORM),
                ContentTag.of(model, DOCKERFILE, with("VARIANT", ""), PLATFORM),
                ContentTag.of(model, DOCKERFILE, with("MODEL_NAME", "flowers"), PLATFORM),
                ContentTag.of(model, DOCKERFILE + "USER 1000\n", ARGS, PLATFORM),
                ContentTag.of(model, DOCKERFILE, ARGS, "linux/arm64")))
                .doesNotContain(base)
                .doesNotHaveDuplicates();
    }

    @Test
    void fieldsCannotRunIntoEachOther() {
        // Without length prefixes, "A=bC" + "=d" and "A=b" + "C=d" could feed the digest the same bytes.
        assertThat(ContentTag.of(model, DOCKERFILE, Map.of("A", "bC=d"), PLATFORM))
                .isNotEqualTo(ContentTag.of(model, DOCKERFILE, Map.of("A", "b", "C", "d"), PLATFORM));
    }

    /**
     * A link's target is not what Docker sends, and hashing the link's text would miss every change behind it:
     * a changed model would keep its tag and never be rebuilt. Links are refused, as model preflight refuses them.
     */
    @Test
    void aSymlinkInTheContextIsRefusedRatherThanHashedByItsText() throws IOException {
        Path weights = write(tmp.resolve("outside/weights.bin"), "v1");
        Files.createSymbolicLink(model.resolve("1/weights.bin"), weights);

        assertThatThrownBy(() -> tag(model)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a symbolic link: 1/weights.bin");
    }

    @Test
    void aSymlinkedContextIsRefusedRatherThanHashedAsEmpty() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), model);

        assertThatThrownBy(() -> tag(link)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a symbolic link");
    }

    private static Map<String, String> with(String key, String value) {
        var args = new java.util.HashMap<>(ARGS);
        args.put(key, value);
        return args;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
