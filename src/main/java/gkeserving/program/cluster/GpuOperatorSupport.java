package gkeserving.program.cluster;

import com.pulumi.context.LoggingContext;
import com.pulumi.gcp.container.ContainerFunctions;
import com.pulumi.gcp.container.inputs.GetEngineVersionsPlainArgs;
import gkeserving.program.config.ClusterSettings.ReleaseChannel;
import gkeserving.program.config.GpuOperatorReleases;
import gkeserving.program.config.GpuOperatorReleases.Release;
import gkeserving.program.config.GpuPoolSettings.DevicePlugin;
import gkeserving.program.config.Settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * Does the pinned GPU Operator support the Kubernetes version the cluster's release channel serves? GKE moves
 * its channels on by itself (REGULAR and STABLE serve 1.35, RAPID 1.36 in late 2026), while the operator pin
 * stays put; an operator outside its supported range leaves the GPUs unallocatable with no clear error.
 *
 * <p>The check reads the channel's default version from GKE ({@code gcp:container/getEngineVersions}, the
 * {@code releaseChannelDefaultVersion} map keyed by channel name) and runs <em>before anything is
 * registered</em>: a failure is one error message and an unchanged stack. Registering the cluster first and
 * failing only the operator (a failed output, or an error and no Release) would leave a cluster with GPUs
 * nothing can use, which is the half-applied state the check exists to prevent. Hence the blocking read of
 * the plain invoke rather than an {@code Output}. In {@code gke} mode nothing of NVIDIA's is installed: no check.
 */
public final class GpuOperatorSupport {
    /**
     * The pinned release supports Kubernetes {@code 1.minor}, the default of GKE's {@code channel}; {@code minor} is
     * empty when GKE could not be asked yet because this very run enables the Kubernetes Engine API (a fresh project).
     */
    public record Checked(Release release, ReleaseChannel channel, OptionalInt minor) {
        public Checked(Release release, ReleaseChannel channel, int minor) {
            this(release, channel, OptionalInt.of(minor));
        }

        /**
         * The Helm release's description, so that a render and {@code helm history} show what was checked. The
         * minor, not the full version: a new GKE patch must not make a new Helm revision.
         */
        public String description() {
            String supports = "GPU Operator " + release.version() + " supports Kubernetes " + release.range();
            return minor.isPresent()
                    ? supports + "; checked against 1." + minor.getAsInt() + ", the default of GKE's " + channel + " channel"
                    : supports + "; not yet checked against GKE's " + channel + " channel (the Kubernetes Engine API was off)";
        }
    }

    /** Checked (nvidia mode), not needed (gke mode), or one failure message; a warning when the check had to wait. */
    public record Result(Optional<Checked> checked, Optional<String> failure, Optional<String> warning) {
        public boolean reportTo(LoggingContext log) {
            warning.ifPresent(log::warn);
            failure.ifPresent(log::error);
            return failure.isEmpty();
        }
    }

    private GpuOperatorSupport() {
    }

    /** Asks GKE for the channel defaults in the cluster's location and judges the pin against them. */
    public static Result check(Settings s) {
        if (s.gpuPool().devicePlugin() != DevicePlugin.NVIDIA) {
            return new Result(Optional.empty(), Optional.empty(), Optional.empty());
        }
        ReleaseChannel channel = s.cluster().releaseChannel();
        String location = s.cluster().location();
        Release release = GpuOperatorReleases.find(s.gpuOperator().version()).orElseThrow(() -> new IllegalStateException(
                "gpuOperator.version " + s.gpuOperator().version() + " passed validation but is not in GpuOperatorReleases"));
        Map<String, String> channelDefaults;
        try {
            channelDefaults = ContainerFunctions.getEngineVersionsPlain(GetEngineVersionsPlainArgs.builder()
                    .project(s.gcp().project()).location(location).build()).join().releaseChannelDefaultVersion();
        } catch (CompletionException | CancellationException e) {
            return unanswered(release, channel, location, s.gcp().project(), innermostMessage(e));
        }
        return judge(release, channel, location, channelDefaults);
    }

    /**
     * GKE did not answer. In a fresh project that is because the Kubernetes Engine API is still off: the program
     * enables it in this same run (ProjectServices), so the check cannot run before anything is registered, and
     * failing here would keep a fresh project from ever being deployed. That one case goes on with a warning and the
     * next preview or up checks; any other failure stops the run.
     */
    static Result unanswered(Release release, ReleaseChannel channel, String location, String project, String message) {
        if (!kubernetesEngineApiOff(message)) {
            return failed("could not read the default version of GKE's " + channel + " channel in " + location
                    + " to check gpuOperator.version against it: " + message);
        }
        return new Result(Optional.of(new Checked(release, channel, OptionalInt.empty())), Optional.empty(), Optional.of(
                "gpuOperator.version (" + release.version() + ") is not checked against the default version of GKE's " + channel
                        + " channel in " + location + ": the Kubernetes Engine API is not enabled in " + project + " yet."
                        + " This run enables it; the next preview or up runs the check"));
    }

    /** GKE's 403 for a project whose API is off: SERVICE_DISABLED / accessNotConfigured, naming the API. */
    static boolean kubernetesEngineApiOff(String message) {
        return message.contains("container.googleapis.com") && (message.contains("SERVICE_DISABLED")
                || message.contains("accessNotConfigured") || message.contains("has not been used in project"));
    }

    /** @param channelDefaults GKE's default version per channel name, e.g. REGULAR → 1.35.8-gke.1036000 */
    static Result judge(Release release, ReleaseChannel channel, String location, Map<String, String> channelDefaults) {
        String version = channelDefaults.get(channel.name());
        if (version == null) {
            return failed("GKE reports no default version for the " + channel + " channel (cluster.releaseChannel) in "
                    + location + ", so gpuOperator.version (" + release.version() + ") cannot be checked against it");
        }
        OptionalInt minor = GpuOperatorReleases.kubernetesMinor(version);
        if (minor.isEmpty()) {
            return failed("GKE's " + channel + " channel default (" + version + ") in " + location
                    + " is not a Kubernetes 1.x version, so gpuOperator.version (" + release.version() + ") cannot be checked against it");
        }
        if (!release.supports(minor.getAsInt())) {
            return failed("gpuOperator.version (" + release.version() + ") supports Kubernetes " + release.range()
                    + ", but GKE's " + channel + " channel (cluster.releaseChannel) creates clusters in " + location
                    + " with " + version + ": " + remedy(minor.getAsInt()));
        }
        return new Result(Optional.of(new Checked(release, channel, minor.getAsInt())), Optional.empty(), Optional.empty());
    }

    private static String remedy(int minor) {
        List<String> supporting = GpuOperatorReleases.supporting(minor).stream()
                .map(r -> r.version() + " (" + r.range() + ")").toList();
        return supporting.isEmpty()
                ? "no GPU Operator release this program records supports 1." + minor + " yet; choose another cluster.releaseChannel"
                : "pin one that supports 1." + minor + ": " + String.join(", ", supporting);
    }

    private static Result failed(String message) {
        return new Result(Optional.empty(), Optional.of(message), Optional.empty());
    }

    private static String innermostMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
