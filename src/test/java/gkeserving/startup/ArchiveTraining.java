package gkeserving.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the class-data-sharing archive that {@code ./mvnw package} ships beside the jar (run by the pom after the
 * shade step). Three training runs of the built jar record the classes they load, as users run it: the program
 * under an engine ({@link EngineStandIn} in this JVM; no CLI, plugin, cloud or network), the language host's
 * plugin check, and an offline render of the dev stack. One static archive of all their classes (and the JDK's
 * they use) then serves all three paths; a dynamic archive holds one run's classes only.
 *
 * <p>Arguments: the jar, the archive to write, the JVM options file the build wrote, a work directory.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path archive = Path.of(args[1]).toAbsolutePath();
        List<String> options = JvmOptions.withoutArchive(Files.readString(Path.of(args[2])));
        Path work = Files.createDirectories(Path.of(args[3]).toAbsolutePath());
        Path projectDir = Path.of("").toAbsolutePath();
        Files.deleteIfExists(archive);
        Map<String, List<String>> runs = new LinkedHashMap<>();
        runs.put("render", List.of("-jar", jar.toString(), "render", "--stack", "dev", "--out",
                work.resolve("render").toString()));
        runs.put("plugins", List.of("-cp", jar.toString(), "com.pulumi.bootstrap.internal.Main", "packages"));
        runs.put("program", List.of("-jar", jar.toString()));
        Set<String> classes = new LinkedHashSet<>();
        try (EngineStandIn engine = new EngineStandIn()) {
            Map<String, Process> started = new LinkedHashMap<>();
            for (var run : runs.entrySet()) {
                List<String> command = new ArrayList<>(List.of(JvmOptions.java()));
                command.addAll(options);
                command.add("-XX:DumpLoadedClassList=" + work.resolve(run.getKey() + ".classlist"));
                command.addAll(run.getValue());
                ProcessBuilder builder = JvmOptions.child(command, projectDir, work.resolve(run.getKey() + ".log"));
                if (run.getKey().equals("program")) {
                    builder.environment().putAll(engine.programEnvironment(projectDir, "dev"));
                }
                started.put(run.getKey(), builder.start());
            }
            for (var run : started.entrySet()) {
                int exit = run.getValue().waitFor();
                if (exit != 0 || (run.getKey().equals("program") && !engine.takeErrors().isEmpty())) {
                    // Its classes are still worth sharing; the tests say what broke.
                    System.err.println("warning: the training run '" + run.getKey() + "' failed (exit " + exit
                            + "), see " + work.resolve(run.getKey() + ".log"));
                }
                classes.addAll(classList(work.resolve(run.getKey() + ".classlist")));
            }
        }
        Path classList = work.resolve("all.classlist");
        Files.write(classList, classes);
        List<String> dump = List.of(JvmOptions.java(), "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString());
        int exit = JvmOptions.child(dump, projectDir, work.resolve("dump.log")).start().waitFor();
        if (exit != 0 || !Files.isRegularFile(archive)) {
            System.err.println("error: dumping the class-data archive failed (exit " + exit + "), see "
                    + work.resolve("dump.log"));
            System.exit(1);
        }
        System.out.printf("Class-data archive: %s (%d classes, %d MB)%n", archive, classes.size(),
                Files.size(archive) >> 20);
    }

    private static List<String> classList(Path file) throws IOException {
        return Files.exists(file)
                ? Files.readAllLines(file).stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList()
                : List.of();
    }
}
