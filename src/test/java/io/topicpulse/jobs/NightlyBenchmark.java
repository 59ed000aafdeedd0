package io.topicpulse.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicpulse.ingest.InputFile;
import io.topicpulse.ingest.InputFiles;
import io.topicpulse.table.DeltaTables;
import io.topicpulse.topics.Lexicon;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Not a test: what a night costs on the Delta tables, on a generated corpus of one input file a day (1,000 pages a
 * day sizes it like a real site). Two measurements, each in one JVM, in interleaved rounds:
 * <ul>
 *   <li>{@code --growth=10,40} (figure 1 of issue 21): for each N, the history is one {@code run} over the first N
 *   days; then the night of day N+1 onto it, each round on a fresh copy of the history under a new path (so Delta
 *   loads the table state from the log as a new process would). The ratio of the nights' medians says whether a
 *   night's cost grows with the history.</li>
 *   <li>{@code --rebuild=30} (figure 2, the default): the history is one {@code run} over the first 29 days; then
 *   the night of day 30 onto a copy of it and a full {@code run} over the 30 days into a new output, in turn,
 *   R full runs between R+1 nights.</li>
 * </ul>
 * {@code --input=FOLDER} takes the input files of a folder instead of the generated corpus, in the order of their
 * names, one file standing for a day: {@code --input=/tmp/pages-3k --rebuild=3} over three copies of the real
 * pages ({@code io.topicpulse.ingest.ReplicateWarc}) times a night whose pages all land on the publication days of
 * the history, the worst case.
 * Every timed night prints its wall and CPU time, the steps the run driver logs ({@code write X in N s}, extract,
 * ...), the rest (lock, plan, reading the tables' state, the driver's other work) and, with {@code --jobs}, the
 * time of its Spark jobs per step. {@code --vacuum} also times, after each night, the VACUUM a nightly schedule
 * runs once a day (the driver skips it within 24 hours of the last, so a benchmark night never pays it).
 * {@code --processes=K} (rebuild only) then times K rounds of {@code jobs/topicpulse run} and {@code nightly} as
 * separate processes (set {@code TOPICPULSE_JAVA_OPTS=-Xmx8g}); their logs go to DIR/process-*.log.
 *
 * <p>The generated pages are invented whole news pages of realistic size and structure (head with meta tags,
 * scripts, styles and JSON-LD; navigation; a header with today's date; the article; a latest-news sidebar; story
 * cards; footer), about 100 KB median, gzipped JSON Lines, one file per day; {@code --tiny} generates the earlier
 * 2.5 KB pages of random words instead. The corpus ({@code --days=D}, default 41) is generated again only when its
 * parameters change; the first days of a longer corpus are the same pages. The tables are built from scratch each
 * time, but for {@code --keep}: a history left by an earlier invocation in DIR/history-N (a finished run: its
 * run_stats exists) is used again.
 *
 * <pre>
 * mvn -q -o -DskipTests package test-compile
 * java (the --add-opens flags of jobs/topicpulse) -Dlog4j2.configurationFile=jobs/log4j2.properties \
 *     -cp target/test-classes:target/topicpulse-0.1.0.jar:$(cat target/classpath.txt) \
 *     io.topicpulse.jobs.NightlyBenchmark /tmp/nightly-bench [pages-per-day, default 100] [master, default local[2]]
 *     [--growth=N,M | --rebuild=N] [--rounds=R] [--days=D] [--keep] [--tiny] [--jobs] [--vacuum] [--processes=K]
 * </pre>
 */
public final class NightlyBenchmark {

    private static final List<String> WORDS = List.of("the", "minister", "said", "on", "talks", "border", "truce",
            "steel", "tariffs", "sanctions", "harbor", "market", "vote", "council", "a", "of", "and", "in", "to",
            "ferry", "prices", "oil", "forum", "multipolar", "axis", "city", "report", "week", "rain", "festival");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate FIRST = LocalDate.of(2024, 11, 1);
    /** Bumped when the generated pages change, so an old corpus is not reused. */
    private static final int GENERATOR_VERSION = 2;

    private NightlyBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> flags = Arrays.stream(args).filter(a -> a.startsWith("--")).toList();
        List<String> positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        Path dir = Path.of(positional.size() > 0 ? positional.get(0) : "/tmp/nightly-bench");
        int perDay = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 100;
        String master = positional.size() > 2 ? positional.get(2) : "local[2]";
        boolean tiny = flags.contains("--tiny");
        int days = intFlag(flags, "--days=", 41);
        int rounds = intFlag(flags, "--rounds=", 3);
        int processes = intFlag(flags, "--processes=", 0);
        List<Integer> growth = flags.stream().filter(f -> f.startsWith("--growth=")).findFirst()
                .map(f -> Arrays.stream(f.substring("--growth=".length()).split(",")).map(Integer::parseInt).toList())
                .orElse(List.of());
        int rebuild = intFlag(flags, "--rebuild=", 30);
        if (perDay < 1) {
            throw new IllegalArgumentException("pages-per-day must be positive, was " + perDay);
        }
        int needed = growth.isEmpty() ? rebuild : growth.stream().mapToInt(n -> n + 1).max().orElseThrow();
        if (needed > days && flags.stream().noneMatch(f -> f.startsWith("--input="))) {
            throw new IllegalArgumentException("the corpus has " + days + " days; the benchmark needs " + needed);
        }
        String input = flags.stream().filter(f -> f.startsWith("--input=")).findFirst()
                .map(f -> f.substring("--input=".length())).orElse(null);
        Path dumps = input != null ? Path.of(input) : dir.resolve("dumps");
        String corpus = input != null ? "input: the files of " + input : generate(dumps, FIRST, days, perDay, tiny);
        Files.createDirectories(dir);
        boolean keep = flags.contains("--keep");
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> !p.equals(dumps) && !(keep && p.getFileName().toString()
                    .startsWith("history-"))).toList()) {
                deleteRecursively(p);
            }
        }
        Bench bench = new Bench(dir, dumps, Lexicon.load(Path.of("jobs", "lexicon.yaml")),
                flags.contains("--jobs"), flags.contains("--vacuum"));
        System.out.println(corpus);
        try (SparkSession spark = SparkSessions.create("nightly-benchmark", master)) {
            spark.sparkContext().setLogLevel("WARN");
            bench.spark = spark;
            Steps.install();
            if (!growth.isEmpty()) {
                bench.growth(growth, rounds);
            } else {
                bench.rebuild(rebuild, rounds);
            }
        }
        if (processes > 0 && growth.isEmpty()) {
            timeProcesses(dir, dumps, rebuild, processes);
        }
    }

    /** The value of {@code --name=N} among the flags, {@code absent} when absent. */
    private static int intFlag(List<String> flags, String prefix, int absent) {
        return flags.stream().filter(f -> f.startsWith(prefix)).findFirst()
                .map(f -> Integer.parseInt(f.substring(prefix.length()))).orElse(absent);
    }

    /** One timed run: wall and CPU seconds, and the driver's logged steps. */
    private record Timing(double wall, double cpu, Map<String, Double> steps) {
        double rest() {
            return wall - steps.entrySet().stream().filter(e -> !e.getKey().startsWith("vacuum"))
                    .mapToDouble(Map.Entry::getValue).sum();
        }
    }

    private static final class Bench {
        private final Path dir;
        private final Path dumps;
        private final Lexicon lexicon;
        private final boolean everyJob;
        private final boolean vacuum;
        private SparkSession spark;

        Bench(Path dir, Path dumps, Lexicon lexicon, boolean everyJob, boolean vacuum) {
            this.dir = dir;
            this.dumps = dumps;
            this.lexicon = lexicon;
            this.everyJob = everyJob;
            this.vacuum = vacuum;
        }

        /** Figure 1: the night of day N+1 onto N days, for each N, in interleaved rounds. */
        void growth(List<Integer> histories, int rounds) throws IOException {
            for (int n : histories) {
                if (Files.isDirectory(dir.resolve("history-" + n).resolve("run_stats"))) {
                    System.out.printf("history of %d days: kept from an earlier invocation (--keep)%n", n);
                    continue;
                }
                Timing t = time("run over days 1-" + n + " (history, untimed in the ratio)", () ->
                        RunDriver.run(spark, RunConfig.full(config("run", n, dir.resolve("history-" + n)))));
                System.out.printf("history of %d days: run in %.1f s (CPU %.1f s)%n", n, t.wall(), t.cpu());
            }
            Map<Integer, List<Timing>> nights = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                List<Integer> order = new ArrayList<>(histories);
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (int n : order) {
                    nights.computeIfAbsent(n, k -> new ArrayList<>()).add(night(n, round));
                }
            }
            System.out.println();
            System.out.println("== nights: day N+1 onto N days (history: one run over days 1-N)");
            double first = Double.NaN;
            for (Map.Entry<Integer, List<Timing>> e : nights.entrySet()) {
                double wall = median(e.getValue(), Timing::wall);
                double cpu = median(e.getValue(), Timing::cpu);
                first = Double.isNaN(first) ? wall : first;
                System.out.printf("N=%d: nights %s s (CPU %s s); median %.1f s (CPU %.1f s); ratio to N=%d: %.3f "
                                + "(CPU %.3f)%n", e.getKey(), list(e.getValue(), Timing::wall),
                        list(e.getValue(), Timing::cpu), wall, cpu, histories.get(0), wall / first,
                        cpu / median(nights.get(histories.get(0)), Timing::cpu));
            }
            printSteps("night steps", nights);
        }

        /** Figure 2: the night of day N onto N-1 days against a full run over N days, in interleaved rounds. */
        void rebuild(int days, int rounds) throws IOException {
            Timing history = time("run over days 1-" + (days - 1) + " (history)", () ->
                    RunDriver.run(spark, RunConfig.full(config("run", days - 1, dir.resolve("history-"
                            + (days - 1))))));
            System.out.printf("history of %d days: run in %.1f s (CPU %.1f s)%n", days - 1, history.wall(),
                    history.cpu());
            List<Timing> nights = new ArrayList<>();
            List<Timing> fulls = new ArrayList<>();
            // night, full, night, ..., night: every full run between two nights.
            for (int round = 0; round < rounds; round++) {
                nights.add(night(days - 1, round));
                Path out = dir.resolve("full-" + round);
                fulls.add(time("full run over days 1-" + days + " (round " + (round + 1) + ")", () ->
                        RunDriver.run(spark, RunConfig.full(config("run", days, out)))));
                deleteRecursively(out);
            }
            nights.add(night(days - 1, rounds));
            double night = median(nights, Timing::wall);
            double full = median(fulls, Timing::wall);
            System.out.println();
            System.out.printf("== night of day %d onto %d days against a full run over %d days%n", days, days - 1,
                    days);
            System.out.printf("full runs %s s (CPU %s s); median %.1f s (CPU %.1f s)%n", list(fulls, Timing::wall),
                    list(fulls, Timing::cpu), full, median(fulls, Timing::cpu));
            System.out.printf("nights %s s (CPU %s s); median %.1f s (CPU %.1f s)%n", list(nights, Timing::wall),
                    list(nights, Timing::cpu), night, median(nights, Timing::cpu));
            System.out.printf("ratio night/full: %.3f (CPU %.3f)%n", night / full,
                    median(nights, Timing::cpu) / median(fulls, Timing::cpu));
            Map<Integer, List<Timing>> byName = new LinkedHashMap<>();
            byName.put(days - 1, nights);
            printSteps("night steps", byName);
            Map<Integer, List<Timing>> byDays = new LinkedHashMap<>();
            byDays.put(days, fulls);
            printSteps("full run steps", byDays);
        }

        /** The night of day n+1 onto a fresh copy of the n-day history. */
        private Timing night(int n, int round) throws IOException {
            Path out = dir.resolve("night-" + n + "-" + round);
            copyTree(dir.resolve("history-" + n), out);
            JobTimes jobs = new JobTimes();
            spark.sparkContext().addSparkListener(jobs);
            Timing t = time("night of day " + (n + 1) + " onto " + n + " days (round " + (round + 1) + ")", () ->
                    RunDriver.run(spark, RunConfig.nightly(config("nightly", n + 1, out))));
            spark.sparkContext().removeSparkListener(jobs);
            if (everyJob && round == 0) {
                System.out.println("Spark jobs of the night (seconds, step):");
                jobs.print();
                jobs.printEach();
            }
            if (vacuum) {
                // What a nightly schedule pays once a day: the driver vacuums when its last VACUUM is a day old.
                Path marker = out.resolve("_topicpulse").resolve("last-vacuum");
                Files.setLastModifiedTime(marker, FileTime.fromMillis(System.currentTimeMillis() - 25 * 3_600_000L));
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                RunDriver.maintain(spark, new DeltaTables(spark, out.toUri().toString()),
                        RunConfig.DEFAULT_RETAIN_HOURS, RunDriver.COMPACT_AT_FILES, java.time.Clock.systemUTC());
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = (cpuNanos() - c0) / 1e9;
                System.out.printf("  its daily VACUUM: %.1f s (CPU %.1f s)%n", wall, cpu);
                t.steps().put("vacuum (daily, not in the night's time)", wall);
            }
            deleteRecursively(out);
            return t;
        }

        private interface Work {
            void run() throws IOException;
        }

        private Timing time(String what, Work work) throws IOException {
            Steps.clear();
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            work.run();
            Timing t = new Timing((System.nanoTime() - t0) / 1e9, (cpuNanos() - c0) / 1e9, Steps.take());
            System.out.printf("%s: %.1f s (CPU %.1f s; load %s)%n", what, t.wall(), t.cpu(), load());
            return t;
        }

        /** The first {@code count} input files in the order of their URIs: one a day in the generated corpus. */
        private PipelineConfig config(String command, int count, Path out) {
            InputFiles.Expansion all = InputFiles.expand(new org.apache.hadoop.conf.Configuration(),
                    List.of(dumps.toString()));
            List<InputFile> files = all.files().stream().sorted(Comparator.comparing(InputFile::uri)).limit(count)
                    .toList();
            if (files.size() < count) {
                throw new IllegalArgumentException(dumps + " holds " + files.size() + " input files, not " + count);
            }
            return new PipelineConfig(command, EnumSet.allOf(Stage.class), List.of(dumps.toString()), files,
                    all.ignored(), out.toUri().toString(), lexicon, 3, command + "-" + System.nanoTime());
        }
    }

    /** Median of each logged step over the timed runs, one column per number of days (N) the runs cover. */
    private static void printSteps(String title, Map<Integer, List<Timing>> nights) {
        List<String> names = new ArrayList<>();
        nights.values().forEach(ts -> ts.forEach(t -> t.steps().keySet().stream().filter(k -> !names.contains(k))
                .forEach(names::add)));
        System.out.print(title + " (median s):");
        nights.keySet().forEach(n -> System.out.printf("  N=%d", n));
        System.out.println();
        for (String name : names) {
            System.out.printf("  %-45s", name);
            for (List<Timing> ts : nights.values()) {
                System.out.printf(" %7.2f", median(ts, t -> t.steps().getOrDefault(name, 0.0)));
            }
            System.out.println();
        }
        System.out.printf("  %-45s", "rest (lock, plan, table state, driver)");
        for (List<Timing> ts : nights.values()) {
            System.out.printf(" %7.2f", median(ts, Timing::rest));
        }
        System.out.println();
    }

    private static double median(List<Timing> ts, java.util.function.ToDoubleFunction<Timing> f) {
        double[] v = ts.stream().mapToDouble(f).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2]
                : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String list(List<Timing> ts, java.util.function.ToDoubleFunction<Timing> f) {
        return ts.stream().map(t -> String.format(Locale.ROOT, "%.1f", f.applyAsDouble(t))).toList().toString();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The run driver's logged steps ("write articles in 3.2 s"), caught from its logger. */
    private static final class Steps {
        private static final Pattern STEP = Pattern.compile("(.+) in ([0-9.]+) s");
        private static final Map<String, Double> SEEN = new LinkedHashMap<>();

        static void install() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            org.apache.logging.log4j.core.config.Configuration config = context.getConfiguration();
            AbstractAppender appender = new AbstractAppender("benchmark-steps", null, null, true,
                    Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    Matcher m = STEP.matcher(event.getMessage().getFormattedMessage());
                    if (m.matches()) {
                        synchronized (SEEN) {
                            SEEN.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
                        }
                    }
                }
            };
            appender.start();
            config.addAppender(appender);
            LoggerConfig logger = new LoggerConfig(RunDriver.class.getName(), Level.INFO, false);
            logger.addAppender(appender, Level.INFO, null);
            config.addLogger(RunDriver.class.getName(), logger);
            context.updateLoggers();
        }

        static void clear() {
            synchronized (SEEN) {
                SEEN.clear();
            }
        }

        static Map<String, Double> take() {
            synchronized (SEEN) {
                Map<String, Double> copy = new LinkedHashMap<>(SEEN);
                SEEN.clear();
                return copy;
            }
        }
    }

    /** The full run and {@code nights} nights as separate launcher processes, interleaved. */
    private static void timeProcesses(Path dir, Path dumps, int days, int rounds) throws IOException {
        String lexicon = Path.of("jobs", "lexicon.yaml").toString();
        List<String> dayInputs = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            dayInputs.add(dumps.resolve(FIRST.plusDays(d).toString()).toString());
        }
        List<double[]> fulls = new ArrayList<>();
        List<double[]> nights = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Path night = dir.resolve("process-night");
            Path full = dir.resolve("process-full");
            deleteRecursively(night);
            deleteRecursively(full);
            copyTree(dir.resolve("history-" + (days - 1)), night);
            List<String> run = new ArrayList<>(List.of("run", "--lexicon", lexicon, "--output", full.toString(),
                    "--input"));
            run.addAll(dayInputs);
            String[] nightly = {"nightly", "--lexicon", lexicon, "--output", night.toString(), "--until",
                    FIRST.plusDays(days - 1).toString(), "--input", dumps.toString()};
            if (round % 2 == 0) {
                nights.add(launch(dir, "process-night-" + round, nightly));
                fulls.add(launch(dir, "process-full-" + round, run.toArray(String[]::new)));
            } else {
                fulls.add(launch(dir, "process-full-" + round, run.toArray(String[]::new)));
                nights.add(launch(dir, "process-night-" + round, nightly));
            }
        }
        double medianNight = nights.stream().mapToDouble(t -> t[0]).sorted().toArray()[rounds / 2];
        double medianFull = fulls.stream().mapToDouble(t -> t[0]).sorted().toArray()[rounds / 2];
        System.out.printf("as processes (jobs/topicpulse): full runs %s s (CPU %s s); nights %s s (CPU %s s); "
                        + "ratio of the medians %.3f%n", walls(fulls), cpus(fulls), walls(nights), cpus(nights),
                medianNight / medianFull);
    }

    private static String walls(List<double[]> ts) {
        return ts.stream().map(t -> String.format(Locale.ROOT, "%.1f", t[0])).toList().toString();
    }

    private static String cpus(List<double[]> ts) {
        return ts.stream().map(t -> String.format(Locale.ROOT, "%.1f", t[1])).toList().toString();
    }

    /** Runs jobs/topicpulse with these arguments; its wall and CPU seconds (the process and its children). */
    private static double[] launch(Path dir, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("jobs", "topicpulse").toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        long cpu0 = childCpuTicks();
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int code = process.waitFor();
            if (code != 0) {
                throw new IllegalStateException("jobs/topicpulse " + args[0] + " exited with " + code + "; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        double[] t = {(System.nanoTime() - t0) / 1e9, (childCpuTicks() - cpu0) / 100.0};
        System.out.printf("process %s: %.1f s (CPU %.1f s; load %s)%n", name, t[0], t[1], load());
        return t;
    }

    /**
     * User and system time of this JVM's waited-for children, in the clock ticks of /proc (USER_HZ, 100 a second on
     * Linux); 0 where there is no /proc.
     */
    private static long childCpuTicks() throws IOException {
        Path stat = Path.of("/proc/self/stat");
        if (!Files.exists(stat)) {
            return 0;
        }
        String line = Files.readString(stat);
        // Fields after the command name in parentheses, which may hold spaces: cutime and cstime are 16 and 17.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** Wall time of the Spark jobs, summed per step of the night (job description) or call site. */
    private static final class JobTimes extends SparkListener {
        private final Map<Integer, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Integer, String> sites = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Integer, String> callers = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Long, String> queryCallers = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, double[]> bySite = new java.util.TreeMap<>();
        private final List<String> each = new ArrayList<>();

        @Override
        public void onOtherEvent(SparkListenerEvent event) {
            // A Dataset action's jobs run on Spark's threads (adaptive execution), so their stage names say
            // CompletableFuture; the query's start event keeps the stack of the action's caller.
            if (event instanceof SparkListenerSQLExecutionStart query) {
                queryCallers.put(query.executionId(), ourFrame(query.details()));
            }
        }

        private static String ourFrame(String stack) {
            for (String line : stack.split("\n")) {
                if (line.contains("io.topicpulse.")) {
                    return line.trim();
                }
            }
            return stack.lines().findFirst().orElse("?");
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            started.put(start.jobId(), start.time());
            String step = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
            String query = start.properties() == null ? null : start.properties().getProperty("spark.sql.execution.id");
            String stage = start.stageInfos().isEmpty() ? "?" : start.stageInfos().last().name();
            String caller = query == null ? stage : queryCallers.getOrDefault(Long.parseLong(query), stage);
            sites.put(start.jobId(), step != null ? step : caller);
            callers.put(start.jobId(), caller);
        }

        @Override
        public synchronized void onJobEnd(SparkListenerJobEnd end) {
            double seconds = (end.time() - started.getOrDefault(end.jobId(), end.time())) / 1e3;
            String site = sites.getOrDefault(end.jobId(), "?");
            double[] sum = bySite.computeIfAbsent(site, k -> new double[2]);
            sum[0]++;
            sum[1] += seconds;
            each.add(String.format("  %6.2f s  job %-4d %s | %s", seconds, end.jobId(), site,
                    callers.getOrDefault(end.jobId(), "?")));
        }

        synchronized void print() {
            bySite.forEach((site, sum) -> System.out.printf("  %6.2f s %3d jobs  %s%n", sum[1], (int) sum[0], site));
        }

        synchronized void printEach() {
            each.forEach(System.out::println);
        }
    }

    /**
     * Writes the corpus unless the one on disk was made with the same parameters; returns its description (page
     * count, bytes, page size quartiles).
     */
    private static String generate(Path dumps, LocalDate first, int days, int perDay, boolean tiny) throws IOException {
        String parameters = "version=" + GENERATOR_VERSION + " days=" + days + " perDay=" + perDay + " tiny=" + tiny;
        Path marker = dumps.resolve("_corpus.txt");
        if (Files.isRegularFile(marker)) {
            List<String> lines = Files.readAllLines(marker);
            if (!lines.isEmpty() && lines.get(0).equals(parameters)) {
                return String.join("\n", lines.subList(1, lines.size()));
            }
        }
        deleteRecursively(dumps);
        Random random = new Random(1);
        List<Integer> sizes = new ArrayList<>();
        PageMaker maker = tiny ? null : new PageMaker(random);
        for (int day = 0; day < days; day++) {
            if (tiny) {
                generateTinyDay(dumps, first.plusDays(day), perDay, random, sizes);
            } else {
                maker.writeDay(dumps, first.plusDays(day), perDay, sizes);
            }
        }
        long fileBytes;
        try (Stream<Path> files = Files.walk(dumps)) {
            fileBytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        int[] sorted = sizes.stream().mapToInt(Integer::intValue).sorted().toArray();
        long htmlBytes = sizes.stream().mapToLong(Integer::longValue).sum();
        String description = String.format(Locale.ROOT, "pages: %d (%d days x %d, %s)%n"
                        + "input: %.1f MB of html in %.1f MB of %s files%n"
                        + "page size: p25 %.1f KB, median %.1f KB, p75 %.1f KB", sorted.length, days, perDay,
                tiny ? "tiny pages of random words" : "realistic pages", htmlBytes / 1e6, fileBytes / 1e6,
                tiny ? "JSON Lines" : "gzipped JSON Lines", sorted[sorted.length / 4] / 1e3,
                sorted[sorted.length / 2] / 1e3, sorted[sorted.length * 3 / 4] / 1e3);
        Files.writeString(marker, parameters + "\n" + description + "\n");
        return description;
    }

    private static double gcSeconds() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum() / 1e3;
    }

    private static double jitSeconds() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Copies a folder of tables (symbolic links stay links). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The earlier pages: 2.5 KB of random words in a bare page, every tenth a copy of the one before. */
    private static void generateTinyDay(Path dumps, LocalDate day, int pages, Random random, List<Integer> sizes)
            throws IOException {
        Path folder = dumps.resolve(day.toString());
        Files.createDirectories(folder);
        try (Writer out = Files.newBufferedWriter(folder.resolve("dump.jsonl"), StandardCharsets.UTF_8)) {
            String previous = null;
            for (int i = 0; i < pages; i++) {
                StringBuilder body = new StringBuilder();
                for (int p = 0; p < 6; p++) {
                    body.append("<p>");
                    for (int w = 0; w < 60; w++) {
                        body.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
                    }
                    body.append("</p>");
                }
                String text = i % 10 == 9 && previous != null ? previous : body.toString();
                previous = text;
                String html = "<html><head><title>Story " + i + "</title><script type=\"application/ld+json\">"
                        + "{\"@type\":\"NewsArticle\",\"datePublished\":\"" + day + "T08:00:00Z\"}</script></head>"
                        + "<body><nav>Home World Business</nav><header>Today : " + day.plusDays(1) + "</header>"
                        + "<article><h1>Story " + i + "</h1>" + text + "</article><aside>Latest: other news</aside>"
                        + "</body></html>";
                sizes.add(html.getBytes(StandardCharsets.UTF_8).length);
                out.write(JSON.writeValueAsString(Map.of("url", "https://bench" + (i % 3) + ".example/" + day + "/"
                        + i, "html", html, "fetched_at", day + "T20:00:00Z")));
                out.write('\n');
            }
        }
    }

    /**
     * Invented whole news pages. Sizes are log-normal around a 100 KB median (real pages: p25 ~70 KB, median
     * ~120 KB, p75 ~200 KB), most of it scripts, styles and markup around the article, as on real sites. Every
     * tenth page is an exact copy of the one before under another URL, every twentieth a near copy (another
     * sidebar, a few words edited), and a few are re-fetches of yesterday's URLs, some with an updated text.
     */
    private static final class PageMaker {
        private static final List<String> STOP = List.of("the", "of", "and", "to", "in", "a", "is", "that", "for",
                "on", "with", "as", "was", "by", "at", "from", "it", "his", "her", "their", "has", "have", "had",
                "were", "be", "this", "which", "after", "over", "not", "but", "are", "will", "would", "an", "they");
        private static final String[] SYLLABLES = {"ka", "lo", "mer", "tin", "sa", "vor", "ple", "dun", "ri", "gal",
                "test", "mon", "ba", "quel", "for", "ston", "ne", "var", "li", "brun", "ce", "tol", "pa", "dri", "ven",
                "hal", "mo", "sket", "u", "rad", "en", "ti", "gro", "mas", "pe", "lin", "or", "shaw", "di", "cor"};
        private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
        private static final double MEDIAN_BYTES = 100_000;
        private static final double SIGMA = 0.75;

        private final Random random;
        private final String[] vocabulary;
        private final double[] cumulative;
        private final String[] sections;
        private List<Story> yesterday = List.of();

        /** What a page says, apart from its chrome; copies and re-fetches reuse it. */
        private record Story(String url, LocalDate published, int hour, String headline, String standfirst,
                             String author, List<String> paragraphs) {
        }

        PageMaker(Random random) {
            this.random = random;
            this.vocabulary = new String[8000];
            this.cumulative = new double[vocabulary.length];
            double total = 0;
            for (int i = 0; i < vocabulary.length; i++) {
                StringBuilder w = new StringBuilder();
                int syllables = 1 + random.nextInt(3) + (random.nextInt(4) == 0 ? 1 : 0);
                for (int s = 0; s < syllables; s++) {
                    w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
                }
                vocabulary[i] = w.toString();
                // Zipf-like: a few pseudo-words are frequent, most are rare, as in news text.
                total += 1.0 / (i + 1);
                cumulative[i] = total;
            }
            this.sections = new String[12];
            for (int i = 0; i < sections.length; i++) {
                sections[i] = pseudoWord();
            }
        }

        void writeDay(Path dumps, LocalDate day, int pages, List<Integer> sizes) throws IOException {
            Path folder = dumps.resolve(day.toString());
            Files.createDirectories(folder);
            List<Story> today = new ArrayList<>();
            try (OutputStream file = Files.newOutputStream(folder.resolve("dump.jsonl.gz"));
                 OutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(file, 1 << 16), 1 << 16) {
                     {
                         // Generation time matters more than the file size here.
                         def.setLevel(Deflater.BEST_SPEED);
                     }
                 };
                 Writer out = new OutputStreamWriter(gzip, StandardCharsets.UTF_8)) {
                Story previous = null;
                for (int i = 0; i < pages; i++) {
                    String host = "site" + (i % 5) + ".example";
                    String url = "https://" + host + "/" + sections[i % sections.length] + "/" + day + "/"
                            + pseudoWord() + "-" + i;
                    Story story;
                    if (i % 10 == 9 && previous != null) {
                        story = withUrl(previous, url);
                    } else if (i % 20 == 4 && previous != null) {
                        story = edited(withUrl(previous, url));
                    } else if (i % 100 == 50 && !yesterday.isEmpty()) {
                        Story earlier = yesterday.get(random.nextInt(yesterday.size()));
                        story = i % 200 == 150 ? edited(earlier) : earlier;
                    } else {
                        story = newStory(url, day);
                    }
                    previous = story;
                    today.add(story);
                    String html = page(story, day);
                    sizes.add(html.length());
                    out.write(JSON.writeValueAsString(Map.of("url", story.url(), "html", html,
                            "fetched_at", day + "T20:" + String.format("%02d", i % 60) + ":00Z")));
                    out.write('\n');
                }
            }
            yesterday = today.subList(0, Math.min(today.size(), 50));
        }

        private Story newStory(String url, LocalDate day) {
            List<String> paragraphs = new ArrayList<>();
            int words = 500 + random.nextInt(701);
            while (words > 0) {
                int n = 40 + random.nextInt(80);
                n = words - n < 30 ? words : n;
                paragraphs.add(sentences(n));
                words -= n;
            }
            return new Story(url, day, random.nextInt(20), capitalized(sentenceWords(6 + random.nextInt(7))),
                    sentences(20 + random.nextInt(15)), capitalized(pseudoWord()) + " " + capitalized(pseudoWord()),
                    paragraphs);
        }

        private static Story withUrl(Story s, String url) {
            return new Story(url, s.published(), s.hour(), s.headline(), s.standfirst(), s.author(), s.paragraphs());
        }

        /** The same story with a few words changed in two paragraphs. */
        private Story edited(Story s) {
            List<String> paragraphs = new ArrayList<>(s.paragraphs());
            for (int k = 0; k < 2; k++) {
                int p = random.nextInt(paragraphs.size());
                String[] words = paragraphs.get(p).split(" ");
                for (int e = 0; e < 3; e++) {
                    words[1 + random.nextInt(words.length - 1)] = pseudoWord();
                }
                paragraphs.set(p, String.join(" ", words));
            }
            return new Story(s.url(), s.published(), s.hour(), s.headline(), s.standfirst(), s.author(), paragraphs);
        }

        private String page(Story story, LocalDate fetchDay) {
            StringBuilder h = new StringBuilder(160_000);
            int target = (int) Math.min(1_500_000, Math.max(30_000,
                    MEDIAN_BYTES * Math.exp(SIGMA * random.nextGaussian())));
            String site = capitalized(pseudoWord()) + " News";
            h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                    .append(story.headline()).append(" | ").append(site).append("</title>")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                    .append("<meta name=\"description\" content=\"").append(story.standfirst()).append("\">")
                    .append("<meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"")
                    .append(story.headline()).append("\"><meta property=\"og:url\" content=\"").append(story.url())
                    .append("\"><meta property=\"og:site_name\" content=\"").append(site).append("\">")
                    .append("<link rel=\"canonical\" href=\"").append(story.url()).append("\">");
            int filler = Math.max(0, target - 14_000 - story.paragraphs().size() * 700);
            h.append("<style>").append(css(filler * 15 / 100)).append("</style>");
            int scripts = 2 + random.nextInt(4);
            for (int s = 0; s < scripts; s++) {
                h.append("<script>").append(script(filler * 25 / 100 / scripts)).append("</script>");
            }
            String published = story.published() + "T" + String.format("%02d", story.hour()) + ":15:00Z";
            h.append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",")
                    .append("\"@type\":\"NewsArticle\",\"headline\":\"").append(story.headline())
                    .append("\",\"datePublished\":\"").append(published).append("\",\"author\":{\"@type\":")
                    .append("\"Person\",\"name\":\"").append(story.author()).append("\"},\"publisher\":{\"@type\":")
                    .append("\"Organization\",\"name\":\"").append(site).append("\"}}</script></head>");
            h.append("<body class=\"article-page\"><div class=\"top-bar\"><header class=\"site-header\">")
                    .append("<span class=\"today\">Today : ").append(SHOWN.format(fetchDay.plusDays(1)))
                    .append("</span><a class=\"logo\" href=\"/\">").append(site).append("</a>");
            h.append("<nav class=\"main-nav\"><ul>");
            int links = 60 + random.nextInt(41);
            for (int l = 0; l < links; l++) {
                h.append("<li class=\"nav-item\"><a href=\"/").append(sections[l % sections.length]).append('/')
                        .append(pseudoWord()).append("\">").append(capitalized(pseudoWord())).append("</a></li>");
            }
            h.append("</ul></nav></header></div><main><article class=\"story\"><h1>").append(story.headline())
                    .append("</h1><p class=\"standfirst\">").append(story.standfirst())
                    .append("</p><div class=\"byline\">By <span class=\"author\">").append(story.author())
                    .append("</span></div><div class=\"story-body\">");
            for (String p : story.paragraphs()) {
                h.append("<p>").append(p).append("</p>");
            }
            h.append("</div></article><aside class=\"latest\"><h2>Latest news</h2><ul>");
            for (int l = 0; l < 20; l++) {
                h.append("<li><a href=\"/").append(sections[random.nextInt(sections.length)]).append('/')
                        .append(pseudoWord()).append("\">").append(capitalized(sentenceWords(5 + random.nextInt(6))))
                        .append("</a><span class=\"date\">")
                        .append(SHOWN.format(fetchDay.minusDays(random.nextInt(5)))).append("</span></li>");
            }
            h.append("</ul></aside>");
            cards(h, filler * 35 / 100);
            h.append("</main><footer class=\"site-footer\"><ul>");
            for (int l = 0; l < 40; l++) {
                h.append("<li><a href=\"/about/").append(pseudoWord()).append("\">").append(capitalized(pseudoWord()))
                        .append("</a></li>");
            }
            h.append("</ul><p>&copy; 2024 ").append(site).append("</p></footer>");
            h.append("<script>").append(script(Math.max(0, target - h.length() - 40))).append("</script>");
            return h.append("</body></html>").toString();
        }

        /** "More stories" cards: link-dense markup with short headlines and images. */
        private void cards(StringBuilder h, int bytes) {
            int end = h.length() + bytes;
            h.append("<section class=\"more-stories\"><h2>Most read</h2>");
            while (h.length() < end) {
                String slug = pseudoWord() + "-" + pseudoWord();
                h.append("<div class=\"card card--").append(sections[random.nextInt(sections.length)])
                        .append("\" data-id=\"").append(random.nextInt(1_000_000)).append("\"><a href=\"/")
                        .append(slug).append("\"><img src=\"/img/").append(slug).append(".jpg\" alt=\"\" loading=")
                        .append("\"lazy\" width=\"320\" height=\"180\"><span class=\"card-title\">")
                        .append(capitalized(sentenceWords(4 + random.nextInt(6)))).append("</span></a></div>");
            }
            h.append("</section>");
        }

        private String css(int bytes) {
            StringBuilder c = new StringBuilder(bytes + 100);
            while (c.length() < bytes) {
                c.append('.').append(pseudoWord()).append('-').append(pseudoWord()).append("{margin:0 ")
                        .append(random.nextInt(24)).append("px;color:#").append(Integer.toHexString(0x100000
                                + random.nextInt(0xefffff))).append(";display:flex}");
            }
            return c.toString();
        }

        private String script(int bytes) {
            StringBuilder s = new StringBuilder(bytes + 100);
            while (s.length() < bytes) {
                String name = pseudoWord();
                s.append("function ").append(name).append("_").append(random.nextInt(1000)).append("(e,t){var n=")
                        .append("window.").append(pseudoWord()).append("||{};if(n.").append(pseudoWord())
                        .append("){return e+t*").append(random.nextInt(100)).append(";}n[\"").append(name)
                        .append("\"]=[").append(random.nextInt(1000)).append(',').append(random.nextInt(1000))
                        .append("];return n;}\n");
            }
            return s.toString();
        }

        private String sentences(int words) {
            StringBuilder b = new StringBuilder();
            while (words > 0) {
                int n = Math.min(words, 8 + random.nextInt(18));
                if (!b.isEmpty()) {
                    b.append(' ');
                }
                b.append(capitalized(sentenceWords(n))).append('.');
                words -= n;
            }
            return b.toString();
        }

        /** Words in the mix of news text: function words, the topics' words, and a long tail. */
        private String sentenceWords(int n) {
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < n; w++) {
                if (w > 0) {
                    b.append(' ');
                }
                int roll = random.nextInt(100);
                b.append(roll < 35 ? STOP.get(random.nextInt(STOP.size()))
                        : roll < 47 ? WORDS.get(random.nextInt(WORDS.size())) : pseudoWord());
            }
            return b.toString();
        }

        private String pseudoWord() {
            double x = random.nextDouble() * cumulative[cumulative.length - 1];
            int i = Arrays.binarySearch(cumulative, x);
            return vocabulary[i >= 0 ? i : Math.min(-i - 1, vocabulary.length - 1)];
        }

        private static String capitalized(String s) {
            return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }
}
