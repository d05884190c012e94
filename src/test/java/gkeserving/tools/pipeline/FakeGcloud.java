package gkeserving.tools.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Stands in for gcloud: records every argument list exactly as the pipeline passes it, with how many pulumi
 * CLI calls came before it (so a test can place it between them), and answers exit 0 unless a test scripted
 * a failure for a tag.
 */
final class FakeGcloud implements Gcloud {
    record Call(List<String> args, int pulumiCallsBefore) {
    }

    private final IntSupplier pulumiCalls;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Result> failures = new HashMap<>();
    private RuntimeException cannotRun;

    FakeGcloud(IntSupplier pulumiCalls) {
        this.pulumiCalls = pulumiCalls;
    }

    /** Any command with an argument ending in {@code :<tag>} exits with this code and output. */
    FakeGcloud fail(String tag, int exitCode, String output) {
        failures.put(tag, new Result(exitCode, output));
        return this;
    }

    /** gcloud cannot be started at all: every call throws this. */
    FakeGcloud cannotRun(RuntimeException error) {
        this.cannotRun = error;
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<List<String>> args() {
        return calls.stream().map(Call::args).toList();
    }

    @Override
    public Result run(List<String> args) {
        calls.add(new Call(List.copyOf(args), pulumiCalls.getAsInt()));
        if (cannotRun != null) {
            throw cannotRun;
        }
        return failures.entrySet().stream()
                .filter(failure -> args.stream().anyMatch(arg -> arg.endsWith(":" + failure.getKey())))
                .map(Map.Entry::getValue).findFirst()
                .orElse(new Result(0, "Added tag."));
    }
}
