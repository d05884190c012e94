package gkeserving.cli;

import gkeserving.tools.pipeline.DeployFlags;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** The options the pipeline's commands share, as picocli mixins. */
final class PipelineOptions {
    private PipelineOptions() {
    }

    /** --project-dir, on every pipeline command. */
    static final class ProjectOption {
        @Option(names = "--project-dir", paramLabel = "DIR",
                description = "Project root (default: the nearest directory upwards from here with a Pulumi.yaml).")
        Path projectDir;

        Optional<Path> value() {
            return Optional.ofNullable(projectDir);
        }
    }

    /** --stack, for every command that works on one stack. */
    static final class StackOption {
        @Option(names = "--stack", required = true, paramLabel = "STACK",
                description = "Stack name: dev, staging, prod (Pulumi.<STACK>.yaml at the project root or under stacks/).")
        String name;
    }

    /** promote's two stacks. */
    static final class PromotionStacks {
        @Option(names = "--from", required = true, paramLabel = "STACK", description = "Source stack, e.g. staging.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "STACK", description = "Target stack, e.g. prod.")
        String to;
    }

    /** destroy's --yes: it confirms every destroy, whatever the stack's configuration. */
    static final class DestroyConfirmation {
        @Option(names = "--yes", description = "Confirm the destroy (without it: preview only, exit 3).")
        boolean yes;
    }

    /** outputs' --json. */
    static final class JsonOption {
        @Option(names = "--json", description = "Print one JSON object instead of key: value lines.")
        boolean json;
    }

    /** The options of commands that apply changes. */
    static final class ApplyOptions {
        @Option(names = "--allow-replace",
                description = "Allow replacing or deleting stateful or protected resources "
                        + "(GKE cluster, node pools, Artifact Registry repository).")
        boolean allowReplace;

        @Option(names = "--yes", description = "Confirm applying changes to a stack whose file sets "
                + "pipeline:requireConfirmation (prod).")
        boolean yes;

        @Option(names = "--skip-smoke", description = "Do not run the smoke test after the update.")
        boolean skipSmoke;

        DeployFlags flags() {
            return new DeployFlags(allowReplace, yes, skipSmoke);
        }
    }
}
