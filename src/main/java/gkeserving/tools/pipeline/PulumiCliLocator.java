package gkeserving.tools.pipeline;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.LocalPulumiCommand;
import com.pulumi.automation.LocalPulumiCommandOptions;
import com.pulumi.automation.PulumiCommand;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds the pulumi CLI; injectable so tests can run with a fake command or with none at all. */
@FunctionalInterface
public interface PulumiCliLocator {
    String INSTALL_HINT = "the pulumi CLI is not installed (no 'pulumi' on PATH): install it with "
            + "`curl -fsSL https://get.pulumi.com | sh` (then add ~/.pulumi/bin to PATH), "
            + "or see https://www.pulumi.com/docs/install/";

    /** The CLI to run, or empty when there is none. */
    Optional<PulumiCommand> locate() throws AutomationException;

    /**
     * The local CLI: looks on PATH first, because LocalPulumiCommand.create() on a machine without
     * pulumi fails with a bare IOException that says nothing about installing it.
     */
    static PulumiCliLocator onPath(Map<String, String> env) {
        return () -> {
            if (findOnPath(env.getOrDefault("PATH", "")).isEmpty()) {
                return Optional.empty();
            }
            boolean skipVersionCheck = env.containsKey("PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK");
            return Optional.of(LocalPulumiCommand.create(
                    LocalPulumiCommandOptions.builder().skipVersionCheck(skipVersionCheck).build()));
        };
    }

    /** The first executable named pulumi in a PATH-style list of directories. */
    static Optional<Path> findOnPath(String pathVariable) {
        return ExecutableOnPath.find(pathVariable, "pulumi");
    }
}
