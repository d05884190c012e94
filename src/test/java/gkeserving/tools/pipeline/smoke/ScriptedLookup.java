package gkeserving.tools.pipeline.smoke;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** An address lookup that answers from a script (unknown, a failure, or an address); the last entry repeats. */
final class ScriptedLookup implements AddressLookup {

    private final List<Supplier<Optional<String>>> script;
    private int calls;

    private ScriptedLookup(List<Supplier<Optional<String>>> script) {
        this.script = List.copyOf(script);
    }

    static ScriptedLookup unknownTimesThen(int unknownCalls, String address) {
        return new ScriptedLookup(repeatThen(Optional::empty, unknownCalls, () -> Optional.of(address)));
    }

    static ScriptedLookup neverKnown() {
        return new ScriptedLookup(List.of(Optional::empty));
    }

    /** Throws {@code error} {@code failures} times, then answers {@code then} forever. */
    static ScriptedLookup failingTimesThen(int failures, String error, Optional<String> then) {
        Supplier<Optional<String>> fail = () -> {
            throw new IllegalStateException(error);
        };
        return new ScriptedLookup(repeatThen(fail, failures, () -> then));
    }

    @Override
    public synchronized Optional<String> lookup() {
        Supplier<Optional<String>> next = script.get(Math.min(calls, script.size() - 1));
        calls++;
        return next.get();
    }

    synchronized int calls() {
        return calls;
    }

    private static List<Supplier<Optional<String>>> repeatThen(
            Supplier<Optional<String>> first, int times, Supplier<Optional<String>> last) {
        List<Supplier<Optional<String>>> script = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            script.add(first);
        }
        script.add(last);
        return script;
    }
}
