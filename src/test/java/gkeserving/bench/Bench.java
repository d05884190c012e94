package gkeserving.bench;

import gkeserving.startup.EngineStandIn;
import gkeserving.startup.JvmOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The start-up benchmark behind bench/run. Every measured run is a fresh JVM (start-up is what users pay), with
 * the shipped JVM options (target/jvm-options, through JDK_JAVA_OPTIONS as users get them) and without any. One
 * warm-up round, then {@code --runs} rounds; each round runs every case once with and once without the options,
 * so that noise from the rest of the machine spreads over all of them. Prints a Markdown table: median and
 * min–max wall time, median peak RSS, the ratio to the one-resource floor measured alongside, and on/off.
 * {@code --before-jar} adds an earlier build's jar (without options) to every round, for a before/after comparison.
 */
public final class Bench {
    private static final String FLOOR = "floor: 1 resource";

    private record Case(String group, String name, List<String> command, Map<String, String> env) {
        boolean floor() {
            return name.equals(FLOOR);
        }
    }

    /** How a case is run: with which JVM options, and on which jar (null: the one under test). */
    private record Variant(String name, String jdkJavaOptions, Path jar) {
    }

    private record Sample(double seconds, long rssKb) {
    }

    private final Path projectDir = Path.of("").toAbsolutePath();
    private final Path jar;
    private final String classPath;
    private final Path workDir;

    private Bench(Path jar, String benchClasses) throws IOException {
        this.jar = jar.toAbsolutePath();
        this.classPath = this.jar + ":" + Path.of(benchClasses).toAbsolutePath();
        this.workDir = Files.createDirectories(projectDir.resolve("target/bench"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("--runs", "5", "--stacks", "dev,staging,prod",
                "--jar", "target/gke-gpu-serving.jar", "--classes", "target/test-classes",
                "--options", "target/jvm-options", "--engine-stack", "prod", "--only", "", "--variants", "off,on",
                "--before-jar", ""));
        for (int i = 0; i < args.length; i += 2) {
            if (!opts.containsKey(args[i]) || i + 1 >= args.length) {
                System.err.println("usage: bench/run [-o] " + String.join(" ", opts.keySet().stream()
                        .map(o -> "[" + o + " " + opts.get(o) + "]").toList()));
                System.exit(2);
            }
            opts.put(args[i], args[i + 1]);
        }
        List<Variant> variants = new ArrayList<>();
        if (!opts.get("--before-jar").isEmpty()) {
            variants.add(new Variant("before", "", Path.of(opts.get("--before-jar")).toAbsolutePath()));
        }
        for (String name : opts.get("--variants").split(",")) {
            variants.add(new Variant(name, name.equals("on") ? Files.readString(Path.of(opts.get("--options"))).strip() : "",
                    null));
        }
        Bench bench = new Bench(Path.of(opts.get("--jar")), opts.get("--classes"));
        Pattern only = Pattern.compile(opts.get("--only"));
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        try (EngineStandIn engine = new EngineStandIn()) {
            List<Case> cases = bench.cases(List.of(opts.get("--stacks").split(",")), opts.get("--engine-stack"), engine)
                    .stream().filter(c -> c.floor() || only.matcher(c.name()).find()).toList();
            Map<String, List<Sample>> samples = bench.measure(cases, variants, Integer.parseInt(opts.get("--runs")), engine);
            print(cases, variants, samples, Integer.parseInt(opts.get("--runs")), load);
        }
    }

    private List<Case> cases(List<String> stacks, String engineStack, EngineStandIn engine) {
        List<Case> cases = new ArrayList<>();
        String mock = "in-process, mock engine";
        cases.add(new Case(mock, FLOOR, benchProgram("floor"), Map.of()));
        for (String stack : stacks) {
            cases.add(new Case(mock, "evaluate " + stack, benchProgram("eval", stack), Map.of()));
        }
        cases.add(new Case(mock, "render --stack " + engineStack, List.of(JvmOptions.java(), "-jar", jar.toString(),
                "render", "--stack", engineStack, "--out", workDir.resolve("render").toString()), Map.of()));
        String grpc = "java -jar under a gRPC engine stand-in (preview)";
        cases.add(new Case(grpc, FLOOR, benchProgram("floor-engine"), engine.programEnvironment(projectDir, "dev")));
        cases.add(new Case(grpc, "program, stack " + engineStack, List.of(JvmOptions.java(), "-jar", jar.toString()),
                engine.programEnvironment(projectDir, engineStack)));
        cases.add(new Case(grpc, "language host's plugin check", List.of(JvmOptions.java(), "-cp", jar.toString(),
                "com.pulumi.bootstrap.internal.Main", "packages"), Map.of()));
        return cases;
    }

    private List<String> benchProgram(String... args) {
        List<String> command = new ArrayList<>(List.of(JvmOptions.java(), "-cp", classPath, BenchProgram.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private Map<String, List<Sample>> measure(List<Case> cases, List<Variant> variants, int runs, EngineStandIn engine)
            throws IOException, InterruptedException {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (int round = 0; round <= runs; round++) {
            System.err.printf("round %d of %d%s%n", round, runs, round == 0 ? " (warm-up, not counted)" : "");
            for (Case c : cases) {
                for (Variant variant : variants) {
                    Sample sample = run(c, variant, engine);
                    if (round > 0) {
                        samples.computeIfAbsent(key(c, variant), k -> new ArrayList<>()).add(sample);
                    }
                }
            }
        }
        return samples;
    }

    private static String key(Case c, Variant variant) {
        return c.group() + "|" + c.name() + "|" + variant.name();
    }

    private Sample run(Case c, Variant variant, EngineStandIn engine) throws IOException, InterruptedException {
        Path rss = workDir.resolve("rss.txt");
        Path log = workDir.resolve("last-run.log");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
        c.command().forEach(arg -> command.add(variant.jar() == null ? arg : arg.replace(jar.toString(), variant.jar().toString())));
        ProcessBuilder builder = JvmOptions.child(command, projectDir, log);
        builder.environment().putAll(c.env());
        if (!variant.jdkJavaOptions().isEmpty()) {
            builder.environment().put("JDK_JAVA_OPTIONS", variant.jdkJavaOptions());
        }
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> errors = engine.takeErrors();
        if (exit != 0 || !errors.isEmpty()) {
            throw new IllegalStateException(c.name() + " (options " + variant.name() + ") exited " + exit + " "
                    + errors + "; its output:\n" + Files.readString(log));
        }
        return new Sample(seconds, Long.parseLong(Files.readAllLines(rss).get(0).trim()));
    }

    private static void print(List<Case> cases, List<Variant> variants, Map<String, List<Sample>> samples, int runs,
                              String loadBefore) throws IOException {
        System.out.printf(Locale.ROOT, "%d CPUs, %d GB RAM, Java %s (%s); load average before: %s, after: %s%n",
                Runtime.getRuntime().availableProcessors(), memTotalGb(), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"), loadBefore, Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf("%d runs per case after one warm-up round, each a fresh JVM; wall time in seconds, "
                + "peak RSS in MB (medians).%n", runs);
        for (Variant v : variants) {
            System.out.printf("- %s: %s%s%n", v.name(), v.jar() == null ? "this build's jar" : v.jar(),
                    v.jdkJavaOptions().isEmpty() ? ", no JVM options" : ", JDK_JAVA_OPTIONS=" + v.jdkJavaOptions());
        }
        System.out.println();
        StringBuilder header = new StringBuilder("| case |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Variant v : variants) {
            header.append(" ").append(v.name()).append(": median (min–max) | RSS | × floor |");
            rule.append("---:|---:|---:|");
        }
        List<String[]> ratios = new ArrayList<>();
        for (String[] pair : new String[][] {{"on", "off"}, {"on", "before"}}) {
            if (variants.stream().anyMatch(v -> v.name().equals(pair[0])) && variants.stream().anyMatch(v -> v.name().equals(pair[1]))) {
                ratios.add(pair);
                header.append(" ").append(pair[0]).append("/").append(pair[1]).append(" |");
                rule.append("---:|");
            }
        }
        System.out.println(header);
        System.out.println(rule);
        String group = "";
        for (Case c : cases) {
            if (!c.group().equals(group)) {
                group = c.group();
                System.out.println("| **" + group + "** |" + " |".repeat(3 * variants.size() + ratios.size()));
            }
            StringBuilder row = new StringBuilder("| " + c.name() + " |");
            for (Variant v : variants) {
                Stats stats = Stats.of(samples.get(key(c, v)));
                Stats floor = Stats.of(samples.get(key(floorOf(cases, c), v)));
                row.append(String.format(Locale.ROOT, " %.2f (%.2f–%.2f) | %d | %s |", stats.median(), stats.min(),
                        stats.max(), stats.rssMb(), c.floor() ? "1" : ratio(stats.median() / floor.median())));
            }
            for (String[] pair : ratios) {
                double a = Stats.of(samples.get(c.group() + "|" + c.name() + "|" + pair[0])).median();
                double b = Stats.of(samples.get(c.group() + "|" + c.name() + "|" + pair[1])).median();
                row.append(" ").append(ratio(a / b)).append(" |");
            }
            System.out.println(row);
        }
    }

    private static Case floorOf(List<Case> cases, Case c) {
        return cases.stream().filter(f -> f.group().equals(c.group()) && f.floor()).findFirst().orElseThrow();
    }

    private static long memTotalGb() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024)).findFirst().orElse(0L);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private record Stats(double median, double min, double max, long rssMb) {
        static Stats of(List<Sample> samples) {
            List<Double> times = samples.stream().map(Sample::seconds).sorted().toList();
            List<Double> rss = samples.stream().map(s -> (double) s.rssKb()).sorted().toList();
            return new Stats(median(times), times.get(0), times.get(times.size() - 1), Math.round(median(rss) / 1024));
        }

        private static double median(List<Double> sorted) {
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }
}
