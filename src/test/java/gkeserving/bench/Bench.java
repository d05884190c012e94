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
 * {@code --jar} and {@code --variants off} measure another build (an earlier commit's jar) the same way.
 */
public final class Bench {
    private static final String FLOOR = "floor: 1 resource";

    private record Case(String group, String name, List<String> command, Map<String, String> env) {
        boolean floor() {
            return name.equals(FLOOR);
        }
    }

    private record Variant(String name, String jdkJavaOptions) {
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
                "--options", "target/jvm-options", "--engine-stack", "prod", "--only", "", "--variants", "off,on"));
        for (int i = 0; i < args.length; i += 2) {
            if (!opts.containsKey(args[i]) || i + 1 >= args.length) {
                System.err.println("usage: bench/run [-o] " + String.join(" ", opts.keySet().stream()
                        .map(o -> "[" + o + " " + opts.get(o) + "]").toList()));
                System.exit(2);
            }
            opts.put(args[i], args[i + 1]);
        }
        List<Variant> variants = new ArrayList<>();
        for (String name : opts.get("--variants").split(",")) {
            variants.add(new Variant(name, name.equals("on") ? Files.readString(Path.of(opts.get("--options"))).strip() : ""));
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
        command.addAll(c.command());
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
                + "peak RSS in MB (medians). options on: JDK_JAVA_OPTIONS=%s%n%n", runs,
                variants.stream().filter(v -> v.name().equals("on")).map(Variant::jdkJavaOptions).findFirst().orElse("-"));
        StringBuilder header = new StringBuilder("| case |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Variant v : variants) {
            header.append(" options ").append(v.name()).append(": median (min–max) | RSS | × floor |");
            rule.append("---:|---:|---:|");
        }
        boolean both = variants.size() == 2;
        System.out.println(both ? header.append(" on/off |") : header);
        System.out.println(both ? rule.append("---:|") : rule);
        String group = "";
        for (Case c : cases) {
            if (!c.group().equals(group)) {
                group = c.group();
                System.out.println("| **" + group + "** |" + " |".repeat(3 * variants.size() + (both ? 1 : 0)));
            }
            StringBuilder row = new StringBuilder("| " + c.name() + " |");
            for (Variant v : variants) {
                Stats stats = Stats.of(samples.get(key(c, v)));
                Stats floor = Stats.of(samples.get(key(floorOf(cases, c), v)));
                row.append(String.format(Locale.ROOT, " %.2f (%.2f–%.2f) | %d | %s |", stats.median(), stats.min(),
                        stats.max(), stats.rssMb(), c.floor() ? "1" : ratio(stats.median() / floor.median())));
            }
            if (both) {
                double on = Stats.of(samples.get(key(c, variants.get(1)))).median();
                double off = Stats.of(samples.get(key(c, variants.get(0)))).median();
                row.append(" ").append(ratio(on / off)).append(" |");
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
