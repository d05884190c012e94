package gkeserving.tools.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The JVM options {@code ./mvnw package} writes for the program ({@value #FILE}: its class-data archive, C1 only,
 * the serial GC, JVM warnings to stderr), handed to the program's JVMs as {@value #VARIABLE}. Pulumi's Java
 * language host runs {@code java} with the CLI's environment twice, for its plugin check (JSON on stdout) and for
 * the program, and the launcher reads the variable in both; a jar manifest cannot carry JVM options.
 */
final class ProgramJvmOptions {
    static final String VARIABLE = "JDK_JAVA_OPTIONS";
    static final String FILE = "target/jvm-options";

    private ProgramJvmOptions() {
    }

    /**
     * The variable for the CLI's environment; empty when the build wrote no options. Options the caller already
     * set come after the build's, so they win where both set the same flag.
     */
    static Map<String, String> environment(Path projectRoot, Map<String, String> env) {
        String ours;
        try {
            ours = Files.readString(projectRoot.resolve(FILE)).strip();
        } catch (IOException e) {
            return Map.of(); // not built with the options (or unreadable): the JVM's defaults still work
        }
        if (ours.isEmpty()) {
            return Map.of();
        }
        String theirs = env.getOrDefault(VARIABLE, "").strip();
        return Map.of(VARIABLE, theirs.isEmpty() ? ours : ours + " " + theirs);
    }
}
