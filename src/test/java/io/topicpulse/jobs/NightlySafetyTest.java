package io.topicpulse.jobs;

import io.topicpulse.cli.TopicPulse;
import io.topicpulse.table.Tables;
import io.topicpulse.table.store.RunLock;
import io.topicpulse.table.store.SnapshotStore;
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

/** Nightly runs in real child processes: killed with SIGKILL mid-run, and started while another run holds the lock. */
@Tag("slow")
class NightlySafetyTest extends SparkLexiconTest {

    @Test
    void aNightKilledMidRunLeavesTheTablesAsTheyWereAndTheNextNightCompletesIt(@TempDir Path dir) throws Exception {
        Path root = dumpsWithOneFile(dir);
        Path out = dir.resolve("out");
        NightlyTables.nightly(spark, root, out, lexicon);
        SnapshotStore store = SnapshotStore.open(out);
        String before = store.current().orElseThrow().name();
        Map<String, List<String>> tables = NightlyTables.all(spark, out);

        Files.copy(Path.of("sample-data/jsonl/northgate-post-2024-10.jsonl.gz"), root.resolve("night-2.jsonl.gz"));
        Process child = cli("nightly", "--input", root.toString(), "--output", out.toString(), "--master",
                "local[1]").start();
        try {
            awaitStaging(out, child);
            child.destroyForcibly();
            child.waitFor();
        } finally {
            child.destroyForcibly();
        }
        assertEquals(before, store.current().orElseThrow().name(), "the killed night published nothing");
        assertEquals(tables, NightlyTables.all(spark, out), "readers see the tables as they were");

        PipelineJob.Outcome next = NightlyTables.nightly(spark, root, out, lexicon);
        assertEquals(1, next.stats().get("input_files"), "the next night reads the file the killed one did not finish");
        assertNotEquals(tables, NightlyTables.all(spark, out));
        assertTrue(next.snapshot().manifest().inputs().stream().anyMatch(f -> f.uri().endsWith("night-2.jsonl.gz")));
    }

    @Test
    void aSecondRunIsRefusedWithExitCodeThreeWhileAnotherHoldsTheOutput(@TempDir Path dir) throws Exception {
        Path root = dumpsWithOneFile(dir);
        Path out = dir.resolve("out");
        try (RunLock held = RunLock.acquire(out, "a long nightly")) {
            Process child = cli("nightly", "--input", root.toString(), "--output", out.toString(), "--master",
                    "local[1]").redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(5, TimeUnit.MINUTES));
            assertEquals(NightlyJob.EXIT_LOCKED, child.exitValue(), output);
            assertTrue(output.contains("another run holds") && output.contains("a long nightly"), output);
        }
        assertTrue(Files.notExists(out.resolve(SnapshotStore.CURRENT_LINK)), "the refused run published nothing");
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

    /** Waits until the child has written into its staging snapshot (so the kill lands mid-run). */
    private static void awaitStaging(Path out, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        Path snapshots = out.resolve(SnapshotStore.SNAPSHOTS);
        while (System.nanoTime() < deadline) {
            assertTrue(child.isAlive(), "the child ended before it staged anything");
            try (Stream<Path> entries = Files.list(snapshots)) {
                for (Path staging : entries.filter(p -> p.getFileName().toString().contains(".staging-")).toList()) {
                    if (Files.isDirectory(staging.resolve(Tables.ARTICLES_UNDATED.name()))) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child staged nothing within five minutes");
    }
}
