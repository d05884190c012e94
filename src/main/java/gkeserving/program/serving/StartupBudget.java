package gkeserving.program.serving;

import com.pulumi.resources.CustomTimeouts;
import gkeserving.program.config.GpuCatalog;
import gkeserving.program.config.GpuPoolSettings;
import gkeserving.program.config.ServingSettings;

import java.time.Duration;

/**
 * How long a serving pod may take to become ready, from one place: the model load
 * ({@code serving.startupTimeoutSeconds}) plus, on a GPU for which the TF Serving release has no machine code,
 * the time to JIT-compile its kernels from PTX ({@link gkeserving.program.config.GpuFamily}). The startup
 * probe, the Deployment's progress deadline and Pulumi's wait all derive from it.
 */
record StartupBudget(int modelLoadSeconds, int jitSeconds) {
    static final int PROBE_PERIOD_SECONDS = 10;
    /**
     * A GPU node scaled up from zero, plus pulling a multi-gigabyte serving image, before the startup
     * probe's own budget even starts.
     */
    static final Duration NODE_PROVISIONING_ALLOWANCE = Duration.ofMinutes(10);

    static StartupBudget of(ServingSettings serving, GpuPoolSettings gpuPool) {
        var startup = GpuCatalog.family(gpuPool.accelerator()).startupFor(serving.tfServingVersion());
        return new StartupBudget(serving.startupTimeoutSeconds(), (int) startup.jitAllowance().toSeconds());
    }

    int startupSeconds() {
        return modelLoadSeconds + jitSeconds;
    }

    /** Probe failures the startup budget allows at {@link #PROBE_PERIOD_SECONDS}, rounded up. */
    int probeFailureThreshold() {
        return (startupSeconds() + PROBE_PERIOD_SECONDS - 1) / PROBE_PERIOD_SECONDS;
    }

    /** Node provisioning plus the startup budget; the default 600 s would call a slow GPU scale-up a failure. */
    int rolloutDeadlineSeconds() {
        return (int) NODE_PROVISIONING_ALLOWANCE.toSeconds() + startupSeconds();
    }

    /** Pulumi waits for the rollout; give up only after Kubernetes itself would have reported it stuck. */
    CustomTimeouts pulumiTimeouts() {
        Duration budget = Duration.ofSeconds(rolloutDeadlineSeconds()).plusMinutes(1);
        return CustomTimeouts.builder().create(budget).update(budget).build();
    }
}
