package gkeserving.tools.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.StackNotFoundException;
import com.pulumi.automation.Version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for LocalPulumiCommand and the CLI process behind it: records every argv exactly as
 * the CLI would receive it (with the --non-interactive LocalPulumiCommand adds), appends the
 * scripted engine events (the CLI's JSON lines) to the --event-log file named in argv, and throws
 * the SDK's exception types the way LocalPulumiCommand classifies the CLI's stderr. Events a test
 * leaves out may be none at all: a CLI that fails early writes no cancelEvent.
 */
final class FakePulumiCli implements PulumiCommand {
    /** One CLI invocation: argv, the environment the workspace added, and the --config-file text at that moment. */
    record Call(List<String> argv, Map<String, String> env, String configFileText) {
        String verb() {
            return FakePulumiCli.verb(argv);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, List<String>> events = new HashMap<>();
    private final Map<String, String> failures = new HashMap<>();
    private final Map<String, Map<String, Object>> outputs = new HashMap<>();
    private final Set<String> secretOutputs = new HashSet<>();
    private final Set<String> missingStacks = new HashSet<>();
    private final Map<String, String> states = new HashMap<>();

    /** Events the given "stack verb" writes, e.g. ("dev", "preview"); verbs: preview, up, refresh, destroy, destroy-preview. */
    FakePulumiCli events(String stack, String verb, List<String> lines) {
        events.put(stack + " " + verb, lines);
        return this;
    }

    /** Makes "stack verb" exit non-zero with this stderr (after writing its events). */
    FakePulumiCli fail(String stack, String verb, String stderr) {
        failures.put(stack + " " + verb, stderr);
        return this;
    }

    /** What `stack export` prints for the stack: a deployment (see EngineEventsJson.deployment); none by default. */
    FakePulumiCli state(String stack, String deploymentJson) {
        states.put(stack, deploymentJson);
        return this;
    }

    FakePulumiCli outputs(String stack, Map<String, Object> values, Set<String> secretKeys) {
        outputs.put(stack, new LinkedHashMap<>(values));
        secretKeys.forEach(key -> secretOutputs.add(stack + " " + key));
        return this;
    }

    /**
     * Like the real CLI, `stack init` with the passphrase provider writes the stack's salt into
     * {@code <project>/Pulumi.<stack>.yaml} (creating it if the stack's config lives elsewhere).
     */
    private Path saltRoot;

    FakePulumiCli writesSaltInto(Path projectRoot) {
        this.saltRoot = projectRoot;
        return this;
    }

    /** The stack does not exist in the backend until `stack init` creates it. */
    FakePulumiCli missing(String stack) {
        missingStacks.add(stack);
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public Version version() {
        return Version.of(3, 150, 0);
    }

    @Override
    public CommandResult run(List<String> args, CommandRunOptions options) throws AutomationException {
        if (options.onEngineEvent() != null) {
            // LocalPulumiCommand would then own the log and hang if no cancelEvent is ever written.
            throw new IllegalStateException("the pipeline must pass --event-log itself, not an event callback");
        }
        List<String> argv = new ArrayList<>(args);
        if (!argv.contains("--non-interactive")) {
            argv.add("--non-interactive"); // as LocalPulumiCommand.pulumiArgs does
        }
        String stack = stackOf(argv);
        String key = stack + " " + verb(argv);
        calls.add(new Call(List.copyOf(argv), Map.copyOf(options.additionalEnv()), configFileText(argv)));
        if (argv.contains("--event-log")) {
            writeEvents(Path.of(valueAfter(argv, "--event-log")), events.getOrDefault(key,
                    EngineEventsJson.run(stack, verb(argv).equals("preview"), List.of())));
        }
        if (failures.containsKey(key)) {
            throw exceptionFor(new CommandResult(255, "", failures.get(key)));
        }
        return new CommandResult(0, standardOutput(stack, argv), "");
    }

    private String standardOutput(String stack, List<String> argv) throws AutomationException {
        switch (verb(argv)) {
            case "stack select":
                if (missingStacks.contains(stack)) {
                    throw exceptionFor(new CommandResult(255, "", "error: no stack named '" + stack + "' found"));
                }
                return "";
            case "stack init":
                missingStacks.remove(stack);
                writeSalt(stack);
                return "Created stack '" + stack + "'";
            case "stack export":
                return states.getOrDefault(stack, EngineEventsJson.deployment(stack, List.of()));
            case "stack output":
                return json(outputsAsShown(stack, argv.contains("--show-secrets")));
            case "stack history":
                return "[{\"kind\":\"update\",\"startTime\":\"2025-03-01T10:00:00Z\",\"message\":\"\","
                        + "\"environment\":{},\"config\":{},\"result\":\"succeeded\","
                        + "\"endTime\":\"2025-03-01T10:01:00Z\",\"version\":1,\"resourceChanges\":{}}]";
            default:
                return "";
        }
    }

    private void writeSalt(String stack) {
        if (saltRoot == null) {
            return;
        }
        try {
            Path file = saltRoot.resolve("Pulumi." + stack + ".yaml");
            String salt = "encryptionsalt: v1:c2FsdA==:v1:Zm9y:c3RhY2s=\n";
            Files.writeString(file, Files.exists(file) ? Files.readString(file) + salt : salt);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Object> outputsAsShown(String stack, boolean showSecrets) {
        Map<String, Object> shown = new LinkedHashMap<>();
        outputs.getOrDefault(stack, Map.of()).forEach((key, value) ->
                shown.put(key, !showSecrets && secretOutputs.contains(stack + " " + key) ? "[secret]" : value));
        return shown;
    }

    /** The same classification as LocalPulumiCommand.createExceptionFromResult. */
    private static CommandException exceptionFor(CommandResult result) {
        String stderr = result.standardError();
        if (stderr.matches("(?s).*no stack named.*found.*")) {
            return new StackNotFoundException(result);
        }
        if (stderr.contains("the stack is currently locked by")
                || stderr.contains("[409] Conflict: Another update is currently in progress.")) {
            return new ConcurrentUpdateException(result);
        }
        return new CommandException(result);
    }

    /** Appends the lines to the event log, as the CLI does while it runs. */
    private static void writeEvents(Path eventLog, List<String> lines) {
        try {
            Files.write(eventLog, lines, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String verb(List<String> argv) {
        if (argv.get(0).equals("stack")) {
            return "stack " + argv.get(1);
        }
        return argv.get(0).equals("destroy") && argv.contains("--preview-only") ? "destroy-preview" : argv.get(0);
    }

    private static String stackOf(List<String> argv) {
        if (argv.contains("--stack")) {
            return valueAfter(argv, "--stack");
        }
        return argv.size() > 2 && verb(argv).equals("stack init") ? argv.get(2) : "(none)";
    }

    private static String valueAfter(List<String> argv, String flag) {
        return argv.get(argv.indexOf(flag) + 1);
    }

    private static String configFileText(List<String> argv) {
        if (!argv.contains("--config-file")) {
            return null;
        }
        try {
            return Files.readString(Path.of(valueAfter(argv, "--config-file")));
        } catch (IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
