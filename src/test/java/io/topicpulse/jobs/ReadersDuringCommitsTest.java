package io.topicpulse.jobs;

import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.KernelTables;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readers during commits: Spark and Delta Kernel read tables in a loop while nights commit, and every read is one
 * committed version of the table, whole: never a mix of two, never a version with a day's files missing.
 *
 * <p>The nights run in this JVM, on the test thread, and the readers in threads of their own. A child driver a
 * night (as {@link NightlySafetyTest} starts for its kills) would cost a JVM and a Spark start a night on a
 * two-core machine and show nothing more here: Kernel shares no state with the writer (it lists and reads the log
 * itself, as a reader in another process does), and Spark's reader brings its snapshot up to date by listing the
 * log at every read, as another process's Spark does. The session is shared, so the readers' jobs also run while
 * the nights' jobs do.
 */
@Tag("slow")
class ReadersDuringCommitsTest extends SparkLexiconTest {

    /** The tables read: articles (a night replaces its days' partitions) and a series (rewritten by day too). */
    private static final List<TableSpec> READ = List.of(Tables.ARTICLES, Tables.TOPIC_DAILY);

    @Test
    void everyReadWhileNightsCommitEqualsACommittedVersionOfTheTable(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("out");
        NightlyTables.copy(Path.of("sample-data/html"), root.resolve("html"));
        // The tables exist before the readers start; each later night commits a version of each table read.
        NightlyTables.nightly(spark, root, out, lexicon);
        DeltaTables tables = new DeltaTables(spark, out.toUri().toString());
        Configuration hadoop = new Configuration();

        Reader bySpark = new Reader(table -> new KernelTables.Read(-1, sparkRows(tables, table, -1)));
        Reader byKernel = new Reader(table -> KernelTables.read(tables.path(table), hadoop, OptionalLong.empty()));
        List<Thread> threads = List.of(new Thread(bySpark, "spark-reader"), new Thread(byKernel, "kernel-reader"));
        threads.forEach(Thread::start);
        List<Path> nights = List.of(Path.of("sample-data/jsonl/northgate-post-2024-11.jsonl"),
                Path.of("sample-data/jsonl/northgate-post-2024-10.jsonl.gz"),
                Path.of("sample-data/warc/harbor-ledger-2024-11.warc.gz"));
        try {
            for (Path arriving : nights) {
                Files.copy(arriving, root.resolve(arriving.getFileName()));
                NightlyTables.nightly(spark, root, out, lexicon);
                // Each reader reads each table once more after the night, so it sees every night's last version.
                bySpark.awaitAnotherRound();
                byKernel.awaitAnotherRound();
            }
        } finally {
            bySpark.stop = true;
            byKernel.stop = true;
            for (Thread t : threads) {
                t.join();
            }
        }
        bySpark.rethrow();
        byKernel.rethrow();

        for (TableSpec table : READ) {
            long latest = tables.version(table).orElseThrow();
            // Every version committed, read afterwards with time travel.
            Map<Long, List<String>> versions = new TreeMap<>();
            for (long v = 0; v <= latest; v++) {
                versions.put(v, sparkRows(tables, table, v));
            }
            Set<List<String>> sparkReads = bySpark.distinctRows(table);
            for (List<String> rows : sparkReads) {
                assertTrue(versions.containsValue(rows), table.name() + ": Spark read " + rows.size() + " rows that "
                        + "no version holds; the versions' row counts: " + counts(versions));
            }
            Map<Long, List<String>> kernelReads = byKernel.byVersion(table);
            for (Map.Entry<Long, List<String>> read : kernelReads.entrySet()) {
                assertEquals(versions.get(read.getKey()), read.getValue(),
                        table.name() + ": Kernel's read of version " + read.getKey());
            }
            // Not vacuous: the readers saw the version of every night, from before the first arrival on.
            assertTrue(kernelReads.size() > nights.size(), table.name() + ": Kernel read versions "
                    + kernelReads.keySet() + " of 0.." + latest);
            assertTrue(sparkReads.size() > nights.size(), table.name() + ": Spark read " + sparkReads.size()
                    + " distinct contents; the versions' row counts: " + counts(versions));
        }
    }

    /** The table's rows as Kernel renders them, sorted: at {@code version}, or the latest for -1. */
    private static List<String> sparkRows(DeltaTables tables, TableSpec table, long version) {
        return (version < 0 ? tables.read(table) : tables.read(table, version)).collectAsList().stream()
                .map(KernelTables::render).sorted().toList();
    }

    private static Map<Long, Integer> counts(Map<Long, List<String>> versions) {
        Map<Long, Integer> n = new LinkedHashMap<>();
        versions.forEach((v, rows) -> n.put(v, rows.size()));
        return n;
    }

    private interface TableRead {
        KernelTables.Read read(TableSpec table) throws Exception;
    }

    /** Reads every table of {@link #READ} in turn until stopped, keeping the distinct results. */
    private static final class Reader implements Runnable {
        private final TableRead read;
        private final Map<TableSpec, Set<KernelTables.Read>> seen = new ConcurrentHashMap<>();
        private final AtomicLong rounds = new AtomicLong();
        private volatile boolean stop;
        private volatile Throwable failure;

        Reader(TableRead read) {
            this.read = read;
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    for (TableSpec table : READ) {
                        seen.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet()).add(read.read(table));
                    }
                    rounds.incrementAndGet();
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        /** Waits for a round of reads begun after this call (the one under way may have begun before). */
        void awaitAnotherRound() throws InterruptedException {
            long target = rounds.get() + 2;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (rounds.get() < target && failure == null) {
                assertTrue(System.nanoTime() < deadline, "a reader did not finish a round of reads in ten minutes");
                Thread.sleep(20);
            }
        }

        void rethrow() {
            if (failure != null) {
                throw new AssertionError("a reader failed", failure);
            }
        }

        Set<List<String>> distinctRows(TableSpec table) {
            Set<List<String>> rows = new java.util.HashSet<>();
            seen.get(table).forEach(r -> rows.add(r.rows()));
            return rows;
        }

        /** The rows read of each version; a version read twice must have given the same rows both times. */
        Map<Long, List<String>> byVersion(TableSpec table) {
            Map<Long, List<String>> byVersion = new TreeMap<>();
            for (KernelTables.Read r : seen.get(table)) {
                List<String> earlier = byVersion.putIfAbsent(r.version(), r.rows());
                assertTrue(earlier == null || earlier.equals(r.rows()),
                        table.name() + ": two reads of version " + r.version() + " differ");
            }
            return byVersion;
        }
    }
}
