package gkeserving.tools.pipeline;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.PulumiCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Wraps the CLI so every stack operation names its stack and config file explicitly.
 * <p>
 * Why: the Java Automation API 1.36.1 has no option for {@code --config-file} or extra arguments,
 * and its {@code WorkspaceStack.runCommand} builds the {@code --stack} arguments but then passes
 * the original list, so preview/up/refresh/destroy/history would run against whichever stack was
 * last selected in the project's workspace file. Appending here fixes both without touching the
 * user's stack files.
 */
final class StackScopedCommand extends PulumiCommandDecorator {
    private static final Set<String> UPDATE_VERBS = Set.of("preview", "up", "refresh", "destroy");

    private final String stack;
    private final Optional<Path> configFile;

    StackScopedCommand(PulumiCommand delegate, String stack, Optional<Path> configFile) {
        super(delegate);
        this.stack = stack;
        this.configFile = configFile;
    }

    @Override
    public CommandResult run(List<String> args, CommandRunOptions options) throws AutomationException {
        return delegate.run(scoped(args, stack, configFile), options);
    }

    /**
     * args with --stack (and --config-file for update verbs) appended where the SDK left them out; and
     * {@code stack export} without the --show-secrets the SDK always adds: the pipeline reads only the
     * dependency graph from the state (see {@link CriticalPath}), so secrets stay encrypted.
     */
    static List<String> scoped(List<String> args, String stack, Optional<Path> configFile) {
        List<String> result = new ArrayList<>(args);
        if (args.size() >= 2 && args.get(0).equals("stack") && args.get(1).equals("export")) {
            result.remove("--show-secrets");
        }
        boolean update = !args.isEmpty() && UPDATE_VERBS.contains(args.get(0));
        boolean history = args.size() >= 2 && args.get(0).equals("stack") && args.get(1).equals("history");
        if ((update || history) && !args.contains("--stack")) {
            result.add("--stack");
            result.add(stack);
        }
        if (update && configFile.isPresent() && !args.contains("--config-file")) {
            result.add("--config-file");
            result.add(configFile.get().toString());
        }
        return result;
    }
}
