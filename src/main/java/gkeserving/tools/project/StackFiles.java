package gkeserving.tools.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gkeserving.program.config.Suggestions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's stack files, read the way the Pulumi CLI hands them to a program: project-level
 * defaults from {@code Pulumi.yaml}, overridden by {@code Pulumi.<stack>.yaml} (at the project root or
 * under {@code stacks/}); objects and lists become JSON text, scalars plain text.
 */
public final class StackFiles {
    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.([A-Za-z0-9_.-]+)\\.ya?ml");
    /** Go's encoding/json, which the CLI passes objects through, sorts keys. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final String STACKS_DIR = "stacks";

    private final Path projectDir;
    private final String project;

    StackFiles(Project project) {
        this.projectDir = project.root();
        Object name = readYaml(project.projectFile()).get("name");
        if (!(name instanceof String s) || s.isBlank()) {
            throw new ProjectException(project.projectFile() + " has no project name");
        }
        this.project = s;
    }

    /** The stack files of the project in {@code projectDir}, which must hold a Pulumi.yaml. */
    public static StackFiles of(Path projectDir) {
        return Project.at(projectDir).stackFiles();
    }

    public String project() {
        return project;
    }

    public Path projectDir() {
        return projectDir;
    }

    /**
     * Stack name → its file, for every stack file at the root and under {@code stacks/}, sorted by name.
     * Two config files for one stack are refused: which one wins would depend on who reads them. A root
     * file without a {@code config:} section beside one under {@code stacks/} is not a config file but
     * the secrets-provider state that {@code pulumi stack init} writes there (see {@link #secretsStateFile}).
     */
    public Map<String, Path> stacks() {
        Map<String, Path> stacks = new TreeMap<>();
        candidates().forEach((stack, files) -> {
            List<Path> configFiles = files.size() > 1
                    ? files.stream().filter(f -> !isSecretsStateOnly(f)).toList() : files;
            if (configFiles.size() != 1) {
                throw new ProjectException("stack " + stack + " has two config files (" + files.get(0) + ", "
                        + files.get(1) + "): keep one");
            }
            stacks.put(stack, configFiles.get(0));
        });
        return stacks;
    }

    /**
     * The root {@code Pulumi.<stack>.yaml} holding only the passphrase provider's state
     * ({@code encryptionsalt} …) for a stack whose config lives under {@code stacks/}: the pulumi CLI
     * writes it when it creates the stack, whatever file the config comes from.
     */
    public Optional<Path> secretsStateFile(String stack) {
        Path config = stackFile(stack);
        return candidates().getOrDefault(stack, List.of()).stream()
                .filter(f -> !f.equals(config) && isSecretsStateOnly(f)).findFirst();
    }

    private Map<String, List<Path>> candidates() {
        Map<String, List<Path>> found = new TreeMap<>();
        for (Path dir : List.of(projectDir, projectDir.resolve(STACKS_DIR))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    Matcher m = STACK_FILE.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        found.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(f);
                    }
                }
            } catch (IOException e) {
                throw new ProjectException("cannot list stack files in " + dir + ": " + e.getMessage());
            }
        }
        return found;
    }

    private static boolean isSecretsStateOnly(Path file) {
        return !readYaml(file).containsKey("config");
    }

    /** The stack's config file; an unknown name is a ProjectException saying where it looked and what exists. */
    public Path stackFile(String stack) {
        StackName.check(stack);
        Map<String, Path> stacks = stacks();
        Path file = stacks.get(stack);
        if (file == null) {
            throw new ProjectException("unknown stack '" + stack + "': no Pulumi." + stack + ".yaml in " + projectDir
                    + " or " + projectDir.resolve(STACKS_DIR) + "; stacks here: "
                    + (stacks.isEmpty() ? "(none)" : String.join(", ", stacks.keySet())));
        }
        return file;
    }

    /** Full keys ({@code project:key}, {@code gcp:region}) to values as the engine passes them to the program. */
    public Map<String, String> config(String stack) {
        Map<String, String> config = new TreeMap<>();
        Object declared = readYaml(projectDir.resolve(Project.PROJECT_FILE)).get("config");
        if (declared instanceof Map<?, ?> declarations) {
            declarations.forEach((key, decl) -> {
                requireOwnNamespaceForTypes(key.toString(), decl);
                projectDefault(decl).ifPresent(v -> config.put(fullKey(key.toString()), text(v)));
            });
        }
        Object values = readYaml(stackFile(stack)).get("config");
        if (values instanceof Map<?, ?> map) {
            map.forEach((key, value) -> config.put(fullKey(key.toString()), text(value)));
        }
        return config;
    }

    /** A project-level declaration gives a value as {@code default:} / {@code value:}, or is the value itself. */
    private static Optional<Object> projectDefault(Object declaration) {
        if (declaration instanceof Map<?, ?> m) {
            if (m.containsKey("default")) {
                return Optional.ofNullable(m.get("default"));
            }
            return Optional.ofNullable(m.get("value"));
        }
        return Optional.ofNullable(declaration);
    }

    /**
     * The CLI's own rule (Project.Validate): a key of another namespace in Pulumi.yaml may set a
     * {@code value}, never declare a {@code type} or a {@code default}. It refuses the project otherwise, so
     * a tool must too, rather than hand the program a default that {@code pulumi up} would never pass.
     */
    private void requireOwnNamespaceForTypes(String key, Object declaration) {
        int colon = key.indexOf(':');
        if (colon < 0 || key.substring(0, colon).equals(project) || !(declaration instanceof Map<?, ?> m)) {
            return;
        }
        for (String attribute : List.of("type", "default")) {
            if (m.containsKey(attribute)) {
                String namespace = key.substring(0, colon);
                throw new ProjectException(Project.PROJECT_FILE + " declares config key " + key + " with a '" + attribute
                        + "', but its namespace is not the project's (name: " + project + "); the pulumi CLI refuses"
                        + " that" + (Suggestions.close(project, namespace) ? ": did you mean name: " + namespace + "?"
                        : ": only a 'value' may be set for another namespace"));
            }
        }
    }

    private String fullKey(String key) {
        return key.contains(":") ? key : project + ":" + key;
    }

    /** Scalars as the CLI stringifies them (numbers and booleans as JSON), objects and lists as JSON text. */
    private static String text(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return String.valueOf(value);
    }

    /** A YAML mapping file's top-level keys and values, read as the CLI reads it (see {@link StackYaml}). */
    static Map<String, Object> readYaml(Path file) {
        return StackYaml.read(file);
    }
}
