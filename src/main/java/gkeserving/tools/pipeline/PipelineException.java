package gkeserving.tools.pipeline;

import gkeserving.tools.ExitCode;

/** A pipeline stop with one sentence for the user and the exit code it maps to. */
final class PipelineException extends RuntimeException {
    private final ExitCode exitCode;

    PipelineException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static PipelineException usage(String message) {
        return new PipelineException(ExitCode.USAGE, message);
    }

    static PipelineException failed(String message) {
        return new PipelineException(ExitCode.FAILED, message);
    }

    static PipelineException refused(String message) {
        return new PipelineException(ExitCode.GATE_REFUSED, message);
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
