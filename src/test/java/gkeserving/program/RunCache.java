package gkeserving.program;

import gkeserving.program.config.InvalidConfigException;
import gkeserving.tools.render.InProcessRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Identical in-process runs of the real program, run once per test JVM: about half the suite's runs repeat one
 * exactly (mostly a shipped stack as it is). A run is identical when everything it reads is: the stack, the full
 * config, and the files — the project's (all but target/, .git/ and src/, whose classes are on the class path)
 * and the model directory the config names, wherever it is — by path, size and modification time. Runs with
 * transformations or another program are never cached ({@link ProgramRun}): those capture state of their own.
 * The outcome is shared, so callers only read it. The least recently used runs are dropped beyond a few, to keep
 * the test JVM small.
 */
final class RunCache {
    private static final int SIZE = 8;
    private static final Set<String> NOT_READ = Set.of("target", ".git", "src");

    private record Key(String stack, Map<String, String> config, List<String> files) {
    }

    private static final Map<Key, InProcessRun.Outcome> RUNS = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, InProcessRun.Outcome> eldest) {
                    return size() > SIZE;
                }
            });

    private RunCache() {
    }

    static InProcessRun.Outcome outcome(Path projectDir, String stack, Map<String, String> config,
                                        Supplier<InProcessRun.Outcome> run) {
        Key key = new Key(stack, Map.copyOf(config), files(projectDir, stack, config));
        InProcessRun.Outcome cached = RUNS.get(key);
        if (cached != null) {
            return cached;
        }
        InProcessRun.Outcome outcome = run.get();
        RUNS.put(key, outcome);
        return outcome;
    }

    private static List<String> files(Path projectDir, String stack, Map<String, String> config) {
        List<String> files = new ArrayList<>();
        try (Stream<Path> top = Files.list(projectDir)) {
            for (Path entry : top.sorted().filter(p -> !NOT_READ.contains(p.getFileName().toString())).toList()) {
                addTree(entry, files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // Where the program looks for the model, as it reads the config; an invalid config reads no model.
            addTree(projectDir.resolve(Fixtures.load(stack, config).model().path()), files);
        } catch (InvalidConfigException e) {
            files.add("invalid config");
        }
        return files;
    }

    private static void addTree(Path root, List<String> files) {
        if (!Files.exists(root)) {
            files.add(root + " absent");
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                files.add(path + " " + a.size() + " " + a.lastModifiedTime().toInstant());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
