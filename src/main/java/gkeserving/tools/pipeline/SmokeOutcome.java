package gkeserving.tools.pipeline;

/** A smoke test's verdict: the phase it reached (e.g. address, status, predict) and why. */
public record SmokeOutcome(boolean passed, String phase, String message) {
}
