package gkeserving.tools.pipeline;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.StackNotFoundException;

import java.util.List;
import java.util.function.Supplier;

/** Runs one pulumi CLI step, turning its failure into one sentence for the user; never retries. */
final class CliStep {
    private CliStep() {
    }

    @FunctionalInterface
    interface Call<T> {
        T call() throws AutomationException;
    }

    /**
     * @param what         the step as the failure message names it, e.g. "update of stack dev"
     * @param engineErrors the engine's error diagnostics seen so far: the best detail when there are any
     */
    static <T> T run(String what, String stack, Supplier<List<String>> engineErrors, Call<T> call) {
        try {
            return call.call();
        } catch (AutomationException e) {
            if (causedBy(e, ConcurrentUpdateException.class)) {
                throw PipelineException.failed(CliErrors.lockedMessage(stack));
            }
            if (causedBy(e, StackNotFoundException.class)) {
                throw PipelineException.failed("stack " + stack + " has not been deployed yet (it does not exist in "
                        + "the state backend): run `deploy --stack " + stack + "` first");
            }
            List<String> errors = engineErrors.get();
            String detail = errors.isEmpty() ? CliErrors.summarize(e.getMessage())
                    : String.join("; ", errors.subList(0, Math.min(3, errors.size())));
            throw PipelineException.failed(what + " failed: " + detail);
        } catch (PipelineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw PipelineException.failed(what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
