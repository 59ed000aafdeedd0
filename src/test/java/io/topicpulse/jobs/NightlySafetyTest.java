package io.topicpulse.jobs;

import io.topicpulse.cli.TopicPulse;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nightly runs in real child processes: killed with SIGKILL between commits, and started while another holds the lock. */
@Tag("slow")
class NightlySafetyTest extends SparkLexiconTest {

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
            Process child = cli("nightly", "--input", root.toString(), "--output", out.toString(), "--master",
                    "local[1]").start();
            try {
                awaitCommit(out.resolve(table), committed, child);
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
    void aSecondRunIsRefusedWithExitCodeThreeWhileAnotherHoldsTheOutput(@TempDir Path dir) throws Exception {
        Path root = dumpsWithOneFile(dir);
        Path out = dir.resolve("out");
        try (RunLock held = RunLock.acquire(new org.apache.hadoop.conf.Configuration(), out.toUri().toString(),
                "a long nightly")) {
            Process child = cli("nightly", "--input", root.toString(), "--output", out.toString(), "--master",
                    "local[1]").redirectErrorStream(true).start();
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

    /** The topicpulse command line in a child JVM with the test classpath and the flags Spark needs on Java 17. */
    private static ProcessBuilder cli(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
                "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
                "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
                "-cp", System.getProperty("java.class.path"), TopicPulse.class.getName()));
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

    /** Waits until the table has a commit more than {@code before} (so the kill lands between commits). */
    private static void awaitCommit(Path table, long before, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            assertTrue(child.isAlive(), "the child ended before it committed " + table);
            if (commits(table) > before) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child did not commit " + table + " within five minutes");
    }
}
