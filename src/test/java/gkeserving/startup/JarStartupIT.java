package gkeserving.startup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar, started in child JVMs the ways users and pulumi start it, with the JVM options the build wrote
 * (target/jvm-options) in JDK_JAVA_OPTIONS. Runs after {@code package} (surefire's jar-tests execution).
 */
class JarStartupIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path JAR = PROJECT.resolve("target/gke-gpu-serving.jar");
    private static final String PLUGIN_CHECK = "com.pulumi.bootstrap.internal.Main";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {
    }

    private static String shippedOptions() throws IOException {
        return Files.readString(PROJECT.resolve("target/jvm-options")).strip();
    }

    /** The shipped options with the archive replaced, as a user's stale or broken setup would have them. */
    private static String optionsWithArchive(Path archive) throws IOException {
        return shippedOptions().replaceFirst("-XX:SharedArchiveFile=\"[^\"]*\"", "-XX:SharedArchiveFile=\"" + archive + "\"");
    }

    private Run java(String jdkJavaOptions, Map<String, String> env, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JvmOptions.java()));
        command.addAll(args);
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = JvmOptions.child(command, PROJECT, out).redirectErrorStream(false)
                .redirectError(err.toFile());
        builder.environment().put("JDK_JAVA_OPTIONS", jdkJavaOptions);
        builder.environment().putAll(env);
        int exit = builder.start().waitFor();
        return new Run(exit, Files.readString(out), Files.readString(err));
    }

    private Run pluginCheck(String options, Path jar, String... jvmArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of(jvmArgs));
        args.addAll(List.of("-cp", jar.toString(), PLUGIN_CHECK, "packages"));
        return java(options, Map.of(), args);
    }

    /** What pulumi's language host reads from the plugin check: a JSON array of the providers, and nothing else. */
    private static void assertPluginList(Run run) throws IOException {
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode plugins = JSON.readTree(run.out());
        assertThat(plugins.isArray()).as(run.out()).isTrue();
        assertThat(plugins.findValuesAsText("name")).contains("gcp", "kubernetes", "docker");
    }

    @Test
    void theShippedArchiveMapsForThePluginCheck() throws Exception {
        // -Xshare:on turns "archive not usable" from a silent fallback into a failure to start.
        assertPluginList(pluginCheck(shippedOptions(), JAR, "-Xshare:on"));
    }

    /** Also the HTTP client: the smoke test's, built by every command before, is ~500 classes and a selector thread. */
    @Test
    void renderStartsFromTheArchiveAndBuildsNoHttpClient() throws Exception {
        Path classes = temp.resolve("classes.txt");

        Run render = java(shippedOptions(), Map.of(), List.of("-Xshare:on", "-Xlog:class+load=info:file=" + classes,
                "-jar", JAR.toString(), "render", "--stack", "dev", "--out", temp.resolve("render").toString()));

        assertThat(render.exit()).as(render.err()).isZero();
        assertThat(render.out()).startsWith("Stack dev:").doesNotContain("[warning]");
        assertThat(Files.readString(classes)).contains("gkeserving.tools.render.RenderCommand")
                .doesNotContain("jdk.internal.net.http.HttpClientImpl");
    }

    @Test
    void aMissingArchiveLeavesStdoutAndTheExitCodeAsTheyWere() throws Exception {
        Run run = pluginCheck(optionsWithArchive(temp.resolve("no-such.jsa")), JAR);

        assertPluginList(run);
        assertThat(run.err()).doesNotContain("[warning]");
    }

    @Test
    void anArchiveOfAnotherJarIsSkippedAndStdoutStaysClean() throws Exception {
        Path copy = Files.copy(JAR, temp.resolve("copy.jar"));

        assertSkippedQuietly(shippedOptions(), copy);
    }

    @Test
    void anArchiveOfAnEarlierBuildOfTheJarIsSkippedAndStdoutStaysClean() throws Exception {
        Path jar = Files.copy(JAR, temp.resolve("rebuilt.jar"));
        Path archive = temp.resolve("earlier.jsa");
        Path classList = Files.writeString(temp.resolve("classes.txt"), "gkeserving/cli/Main\n");
        Run dump = java("", Map.of(), List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString()));
        assertThat(dump.exit()).as(dump.out() + dump.err()).isZero();
        // The rebuild: same path, a new time stamp (and usually new bytes).
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

        assertSkippedQuietly(optionsWithArchive(archive), jar);
    }

    @Test
    void aDamagedArchiveIsSkippedAndStdoutStaysClean() throws Exception {
        Path archive = Files.write(temp.resolve("damaged.jsa"),
                Arrays.copyOf(Files.readAllBytes(PROJECT.resolve("target/gke-gpu-serving.jsa")), 100_000));

        assertSkippedQuietly(optionsWithArchive(archive), JAR);
    }

    /** The JVM cannot use the archive (with -Xshare:on it would not start), yet the run is as without one. */
    private void assertSkippedQuietly(String options, Path jar) throws Exception {
        assertThat(pluginCheck(options, jar, "-Xshare:on").exit()).as("starts only without the archive").isNotZero();
        assertPluginList(pluginCheck(options, jar));
    }

    /**
     * The JVM's exit waits at least 300 ms for any thread left in native code, such as gRPC's event loops in
     * epoll; the program stops them first. A run that ends sooner than that after its last call cannot have
     * waited; the best of up to three runs, so that a busy machine does not fail it.
     */
    @Test
    void theProgramUnderAnEngineStartsFromTheArchiveAndExitsAtOnceAfterItsLastCall() throws Exception {
        try (EngineStandIn engine = new EngineStandIn()) {
            Duration best = Duration.ofDays(1);
            for (int attempt = 0; attempt < 3 && best.toMillis() >= 300; attempt++) {
                Run program = java(shippedOptions(), engine.programEnvironment(PROJECT, "dev"),
                        List.of("-Xshare:on", "-jar", JAR.toString()));
                long exited = System.nanoTime();
                assertThat(program.exit()).as(program.out() + program.err()).isZero();
                assertThat(engine.takeErrors()).isEmpty();
                assertThat(program.out()).doesNotContain("[warning]");
                Duration lag = Duration.ofNanos(exited - engine.lastCallNanos());
                best = lag.compareTo(best) < 0 ? lag : best;
            }
            assertThat(best).isLessThan(Duration.ofMillis(300));
        }
    }
}
