package gkeserving.startup;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Child JVMs as users start them: {@code java} from PATH, options the way the launcher reads JDK_JAVA_OPTIONS. */
public final class JvmOptions {
    private JvmOptions() {
    }

    /**
     * The {@code java} that pulumi's language host and the README's commands run: the first on PATH (the archive
     * is only valid for the JVM that wrote it), else this JVM's own.
     */
    public static String java() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "java");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The options split as the launcher splits JDK_JAVA_OPTIONS: on white space, quotes removed. */
    public static List<String> split(String options) {
        List<String> args = new ArrayList<>();
        StringBuilder current = null;
        char quote = 0;
        for (char c : options.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                current = current == null ? new StringBuilder() : current;
            } else if (Character.isWhitespace(c)) {
                if (current != null) {
                    args.add(current.toString());
                    current = null;
                }
            } else {
                current = current == null ? new StringBuilder() : current;
                current.append(c);
            }
        }
        if (current != null) {
            args.add(current.toString());
        }
        return args;
    }

    /** The shipped options for a run that must not use the archive (the training runs that build it). */
    public static List<String> withoutArchive(String options) {
        return split(options).stream().filter(o -> !o.startsWith("-XX:SharedArchiveFile=")).toList();
    }

    /**
     * A child process in {@code dir}, both output streams to {@code log}, and none of the caller's JVM options
     * variables: a shell that exported the shipped options must not change what is measured or trained.
     */
    public static ProcessBuilder child(List<String> command, Path dir, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        return builder;
    }
}
