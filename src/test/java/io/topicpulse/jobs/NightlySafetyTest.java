package io.topicpulse.jobs;

import io.topicpulse.cli.TopicPulse;
import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.Tables;
import io.topicpulse.run.RunLock;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs and nights in real child processes: killed with SIGKILL between commits (at chosen tables, and at points drawn
 * at random, on local disk and on S3) and completed by the next night; and started while another holds the lock.
 */
@Tag("slow")
class NightlySafetyTest extends SparkLexiconTest {

    /** The system property that replays a random kill point: the seed a failed test names. */
    private static final String SEED = "topicpulse.crash.seed";

    @Test
    void aNightKilledBetweenItsCommitsIsCompletedByTheNextRunAsIfNothingHadHappened(@TempDir Path dir)
            throws Exception {
        // Killed once a chosen table has taken the night's commit: after the first, in the middle, and just before
        // run_stats (the last); the chosen table's log shows when.
        for (String table : List.of(Tables.ARTICLES.name(), Tables.MENTIONS.name(), Tables.TERM_DAILY.name())) {
            Path root = dumpsWithOneFile(dir.resolve(table));
            Path out = dir.resolve(table).resolve("out");
            NightlyTables.nightly(spark, root, out, lexicon);
            long committed = commits(out.resolve(table));

            Files.copy(Path.of("sample-data/jsonl/northgate-post-2024-10.jsonl.gz"), root.resolve("night-2.jsonl.gz"));
            Process child = cli(Map.of(), "nightly", "--input", root.toString(), "--output", out.toString(),
                    "--master", "local[1]").start();
            try {
                Path log = out.resolve(table);
                await(() -> commits(log) > committed, child, "a commit to " + table);
                child.destroyForcibly();
                child.waitFor();
            } finally {
                child.destroyForcibly();
            }
            assertTrue(Files.exists(out.resolve("_topicpulse/pending.json")), table + ": the plan is left behind");

            NightlyTables.nightly(spark, root, out, lexicon);
            Path clean = dir.resolve(table).resolve("clean");
            NightlyTables.run(spark, root, clean, lexicon);
            assertEquals(NightlyTables.all(spark, clean, "detail"), NightlyTables.all(spark, out, "detail"), table);
            List<Row> runs = NightlyTables.read(spark, out, Tables.RUN_STATS).collectAsList();
            long records = runs.stream().mapToLong(r -> r.getLong(r.fieldIndex("input_records"))).sum();
            Row once = NightlyTables.read(spark, clean, Tables.RUN_STATS).first();
            assertEquals(once.getLong(once.fieldIndex("input_records")), records,
                    table + ": every input record counted once over the runs " + runs);
            assertEquals(3, runs.size(), table + ": the first night, the completed one and the empty one after");
            assertTrue(Files.notExists(out.resolve("_topicpulse/pending.json")));
        }
    }

    @Test
    void aNightKilledAtARandomPointOnLocalDiskIsCompletedByTheNextNightAsIfNothingHadHappened(@TempDir Path dir)
            throws Exception {
        killAtARandomPointThenComplete(dir, "nightly", dir.resolve("out").toUri().toString(), dir.resolve("out"),
                Map.of());
    }

    @Test
    void aNightKilledAtARandomPointOnS3IsCompletedByTheNextNightAsIfNothingHadHappened(@TempDir Path dir)
            throws Exception {
        killOnS3AtARandomPointThenComplete(dir, "night-crash", "nightly");
    }

    @Test
    void aRunKilledAtARandomPointOnLocalDiskIsCompletedByTheNextNightAsIfNothingHadHappened(@TempDir Path dir)
            throws Exception {
        killAtARandomPointThenComplete(dir, "run", dir.resolve("out").toUri().toString(), dir.resolve("out"),
                Map.of());
    }

    @Test
    void aRunKilledAtARandomPointOnS3IsCompletedByTheNextNightAsIfNothingHadHappened(@TempDir Path dir)
            throws Exception {
        killOnS3AtARandomPointThenComplete(dir, "run-crash", "run");
    }

    /** {@link #killAtARandomPointThenComplete} onto S3Proxy, in a bucket of its own. */
    private void killOnS3AtARandomPointThenComplete(Path dir, String bucket, String command) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(dir, bucket)) {
            s3.configure(spark.sparkContext().hadoopConfiguration());
            killAtARandomPointThenComplete(dir, command, s3.uri("out"), s3.folder("out"), s3.sparkProperties());
        }
    }

    /**
     * {@code command} ("run", or "nightly" onto the tables of an earlier night) in a child process, killed with
     * SIGKILL at a point drawn with a seeded Random: once its plan is recorded (before its first commit), or once
     * the k-th of its commits is in (between two commits, or after run_stats); then the next night in this JVM. The
     * tables must then equal those of the same commands run uninterrupted on local disk (sorted lists, so a
     * duplicate row differs too), and run_stats must count every input record once.
     *
     * @param output the output URI
     * @param files  the folder on this disk that holds the output's files (S3Proxy's folder of the prefix)
     */
    private void killAtARandomPointThenComplete(Path dir, String command, String output, Path files,
                                                Map<String, String> properties) throws Exception {
        long seed = Long.getLong(SEED, System.nanoTime());
        boolean night = command.equals("nightly");
        Path root = dumpsWithOneFile(dir);
        Path clean = dir.resolve("clean");
        if (night) {
            NightlyTables.nightly(spark, root, clean, lexicon);
            NightlyTables.nightly(spark, root, output, lexicon);
        }
        Files.copy(Path.of("sample-data/jsonl/northgate-post-2024-10.jsonl.gz"), root.resolve("night-2.jsonl.gz"));
        // The uninterrupted command: the reference tables, and how many commits it makes.
        long cleanBefore = commitsUnder(clean);
        if (night) {
            NightlyTables.nightly(spark, root, clean, lexicon);
        } else {
            NightlyTables.run(spark, root, clean, lexicon);
        }
        long points = commitsUnder(clean) - cleanBefore;
        int point = new Random(seed).nextInt((int) points + 1);
        String replay = command + " onto " + output + " killed at point " + point + " of 0.." + points + " (seed "
                + seed + ", replay with -D" + SEED + "=" + seed + ")";
        System.out.println(replay);

        long before = commitsUnder(files);
        Path plan = files.resolve("_topicpulse/pending.json");
        Process child = cli(properties, command, "--input", root.toString(), "--output", output, "--master",
                "local[1]").redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            await(point == 0 ? () -> Files.exists(plan) : () -> commitsUnder(files) >= before + point, child,
                    "point " + point + ": " + replay);
            child.destroyForcibly();
            child.waitFor();
        } finally {
            child.destroyForcibly();
        }
        if (point < points) {
            assertTrue(Files.exists(plan), "the plan is left behind: " + replay);
        }

        NightlyTables.nightly(spark, root, output, lexicon);
        assertEquals(NightlyTables.all(spark, clean, "detail"), NightlyTables.all(spark, output, "detail"), replay);
        List<Row> cleanRuns = NightlyTables.read(spark, clean, Tables.RUN_STATS).collectAsList();
        List<Row> runs = new DeltaTables(spark, output).read(Tables.RUN_STATS).collectAsList();
        assertEquals(cleanRuns.size() + 1, runs.size(),
                "the clean runs, completed, and the empty night after: " + replay + " " + runs);
        assertEquals(runs.size(), runs.stream().map(r -> r.getString(r.fieldIndex("run_id"))).distinct().count(),
                "no run recorded twice: " + replay + " " + runs);
        assertEquals(inputRecords(cleanRuns), inputRecords(runs),
                "every input record counted once over the runs: " + replay + " " + runs);
        assertTrue(Files.notExists(plan), replay);
    }

    private static long inputRecords(List<Row> runs) {
        return runs.stream().mapToLong(r -> r.getLong(r.fieldIndex("input_records"))).sum();
    }

    @Test
    void aSecondRunIsRefusedWithExitCodeThreeWhileAnotherHoldsTheOutput(@TempDir Path dir) throws Exception {
        Path root = dumpsWithOneFile(dir);
        Path out = dir.resolve("out");
        try (RunLock held = RunLock.acquire(new org.apache.hadoop.conf.Configuration(), out.toUri().toString(),
                "a long nightly")) {
            Process child = cli(Map.of(), "nightly", "--input", root.toString(), "--output", out.toString(),
                    "--master", "local[1]").redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(5, TimeUnit.MINUTES));
            assertEquals(RunDriver.EXIT_LOCKED, child.exitValue(), output);
            assertTrue(output.contains("another run holds") && output.contains("a long nightly"), output);
        }
        assertTrue(Files.notExists(out.resolve(Tables.ARTICLES.name())), "the refused run committed nothing");
    }

    @Test
    void badDatesAreRefusedBeforeSparkStarts(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.html"), "<html></html>");
        CommandLine cli = new CommandLine(new TopicPulse());
        cli.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertEquals(2, cli.execute("nightly", "--input", dir.toString(), "--output", dir.resolve("o").toString(),
                "--since", "30.11.2024"));
        assertEquals(2, cli.execute("nightly", "--input", dir.toString(), "--output", dir.resolve("o").toString(),
                "--since", "2024-12-01", "--until", "2024-11-01"));
        assertTrue(Files.notExists(dir.resolve("o").resolve(Tables.ARTICLES.name())));
    }

    private static Path dumpsWithOneFile(Path dir) throws IOException {
        Path root = dir.resolve("dumps");
        Files.createDirectories(root);
        Files.copy(Path.of("sample-data/jsonl/northgate-post-2024-11.jsonl"), root.resolve("night-1.jsonl"));
        return root;
    }

    /**
     * The topicpulse command line in a child JVM with the test classpath, the flags Spark needs on Java 17 and
     * {@code properties} as system properties (where SparkConf takes spark.* settings from).
     */
    private static ProcessBuilder cli(Map<String, String> properties, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
                "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
                "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TopicPulse.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Commits in a Delta table's log. */
    private static long commits(Path table) throws IOException {
        if (!Files.isDirectory(table.resolve("_delta_log"))) {
            return 0;
        }
        try (Stream<Path> log = Files.list(table.resolve("_delta_log"))) {
            return log.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).count();
        }
    }

    /** Commits in the logs of every table of an output, given the folder that holds its files. */
    private static long commitsUnder(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> tables = Files.list(output)) {
            for (Path table : tables.toList()) {
                n += commits(table);
            }
        }
        return n;
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    /**
     * Waits until {@code reached} holds while the child runs (so the kill lands right after it). The deadline only
     * keeps a hung child from hanging the build: on a loaded two-core machine a child took over five minutes to its
     * sixth commit.
     */
    private static void await(Condition reached, Process child, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean alive = child.isAlive();
            if (reached.holds()) {
                return;
            }
            assertTrue(alive, "the child ended before " + what);
            Thread.sleep(20);
        }
        throw new AssertionError("the child did not reach " + what + " within 30 minutes");
    }
}
