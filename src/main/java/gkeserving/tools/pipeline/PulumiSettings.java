package gkeserving.tools.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state backend and secrets passphrase the CLI runs with, resolved from the environment
 * once, before any pulumi command. A local file backend is the default so no Pulumi Cloud
 * account is needed.
 */
public record PulumiSettings(String backendUrl, Map<String, String> cliEnvironment) {
    static final String BACKEND_URL = "PULUMI_BACKEND_URL";
    static final String PASSPHRASE = "PULUMI_CONFIG_PASSPHRASE";
    static final String PASSPHRASE_FILE = "PULUMI_CONFIG_PASSPHRASE_FILE";
    public static final String DEFAULT_STATE_DIR = ".pulumi-gke-gpu-serving/state";

    /** @param projectRoot the project whose program the CLI runs (its build's JVM options go to the program) */
    public static PulumiSettings resolve(Map<String, String> env, Path home, Path projectRoot) {
        Map<String, String> cli = new LinkedHashMap<>();
        String backend = nonBlank(env.get(BACKEND_URL)) ? env.get(BACKEND_URL) : defaultFileBackend(home);
        cli.put(BACKEND_URL, backend);
        cli.putAll(passphrase(env));
        // The update check prints to stderr and calls the network on every command: noise in CI.
        cli.put("PULUMI_SKIP_UPDATE_CHECK", "true");
        cli.putAll(ProgramJvmOptions.environment(projectRoot, env));
        return new PulumiSettings(backend, Map.copyOf(cli));
    }

    private static Map<String, String> passphrase(Map<String, String> env) {
        // An empty passphrase is legal for pulumi when the variable is set, so only absence is an error.
        if (env.containsKey(PASSPHRASE)) {
            return Map.of(PASSPHRASE, env.get(PASSPHRASE));
        }
        String file = env.get(PASSPHRASE_FILE);
        if (nonBlank(file)) {
            if (!Files.isReadable(Path.of(file))) {
                throw PipelineException.usage(PASSPHRASE_FILE + " names " + file + ", which is not a readable file");
            }
            return Map.of(PASSPHRASE_FILE, file);
        }
        throw PipelineException.usage(PASSPHRASE + " (or " + PASSPHRASE_FILE + ") is not set: the stacks use the "
                + "passphrase secrets provider; export the passphrase before running the pipeline");
    }

    private static String defaultFileBackend(Path home) {
        Path state = home.resolve(DEFAULT_STATE_DIR).toAbsolutePath().normalize();
        try {
            Files.createDirectories(state);
        } catch (IOException e) {
            throw PipelineException.usage("cannot create the local state directory " + state + " (" + e.getMessage()
                    + "); set " + BACKEND_URL + " to another backend");
        }
        return "file://" + state;
    }

    private static boolean nonBlank(String value) {
        return value != null && !value.isBlank();
    }
}
