package io.topicpulse.table.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DuckDB reads a table while runs keep publishing new versions of all its partitions. */
class ConcurrentReaderTest {

    @TempDir
    Path output;

    /**
     * Through the links a read never mixes versions, but it can come back short: DuckDB lists a partition folder
     * and then looks its entries up by path, and an entry listed in one snapshot and looked up after the switch
     * is skipped without an error (about one read in 12,000 under a publisher that never pauses).
     */
    @Test
    void aReaderThroughTheLinksSeesOneVersionOrFailsNeverAMix() throws Exception {
        Reads reads = readWhilePublishing(output, false, SnapshotStore.DEFAULT_KEEP, 300);
        System.out.println("reads through the links during publishing: " + reads);
        assertEquals(List.of(), reads.mixed(), "reads mixing versions across partitions");
        assertTrue(reads.complete() > 0, "no read was complete");
        assertTrue(reads.shortReads() <= reads.complete(), "more short reads than complete ones: " + reads);
    }

    /** A reader that resolves the snapshot once ({@code _CURRENT}) reads all of it, however many runs publish. */
    @Test
    void aReaderOfTheResolvedSnapshotSeesEveryPartitionOfOneVersion() throws Exception {
        // Enough snapshots kept that none is deleted under the reader: they stay DEFAULT_KEEP runs long.
        Reads reads = readWhilePublishing(output, true, 100_000, 300);
        assertEquals(List.of(), reads.mixed(), "reads mixing versions across partitions");
        assertEquals(300, reads.complete(), "complete reads: " + reads);
    }

    /**
     * How reads of a three-partition table turned out: complete, short (fewer partitions, one version), failed
     * because a listed file was gone, and the rows of those that mixed versions.
     */
    record Reads(int complete, int shortReads, int failed, List<String> mixed) {
        @Override
        public String toString() {
            return complete + " complete, " + shortReads + " short, " + failed + " failed, " + mixed.size()
                    + " mixed";
        }
    }

    /**
     * Reads the table in {@code output} {@code count} times, through its link or, when {@code resolved}, below
     * the snapshot {@code _CURRENT} names at each read, while another thread publishes new versions of all its
     * partitions without pause, keeping {@code keep} snapshots. A read that fails for any reason but a listed file
     * being gone, or returns more rows than the table has, throws an AssertionError (plain, so that
     * {@link LinkReadRace} runs without JUnit).
     */
    static Reads readWhilePublishing(Path output, boolean resolved, int keep, int count) throws Exception {
        publish(output, 1, keep);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> publisherFailure = new AtomicReference<>();
        Thread publisher = new Thread(() -> {
            try {
                for (int version = 2; !stop.get(); version++) {
                    publish(output, version, keep);
                }
            } catch (Exception e) {
                publisherFailure.set(e);
            }
        });
        publisher.start();
        int complete = 0;
        int shortReads = 0;
        int failed = 0;
        List<String> mixed = new ArrayList<>();
        try {
            for (int read = 0; read < count; read++) {
                try {
                    String table = resolved ? output + "/" + SnapshotStore.SNAPSHOTS + "/"
                            + Files.readString(output.resolve(SnapshotStore.CURRENT_FILE)).trim() + "/articles"
                            : output + "/articles";
                    List<String> row = Duck.rows("SELECT count(*), min(version), max(version) FROM read_parquet('"
                            + table + "/**/*.parquet', hive_partitioning = true)");
                    String[] cols = row.get(0).split("\\|");
                    if (!cols[1].equals(cols[2])) {
                        mixed.add(row.get(0));
                    } else if (cols[0].equals("3")) {
                        complete++;
                    } else {
                        if (Integer.parseInt(cols[0]) > 3) {
                            throw new AssertionError("rows in " + row);
                        }
                        shortReads++;
                    }
                } catch (SQLException e) {
                    // A file listed before a switch and opened after it is gone: the read fails, it does not mix.
                    if (!e.getMessage().contains("No such file") && !e.getMessage().contains("No files found")
                            && !e.getMessage().contains("Cannot open file")) {
                        throw new AssertionError(e.getMessage(), e);
                    }
                    failed++;
                }
            }
        } finally {
            stop.set(true);
            publisher.join();
        }
        if (publisherFailure.get() != null) {
            throw publisherFailure.get();
        }
        return new Reads(complete, shortReads, failed, mixed);
    }

    /** Publishes version {@code version} of a three-partition table, keeping {@code keep} snapshots. */
    static void publish(Path output, int version, int keep) throws Exception {
        try (RunLock lock = RunLock.acquire(output, "run " + version)) {
            SnapshotStore store = SnapshotStore.open(output, keep);
            Staging staging = store.beginStaging(lock, "v" + version);
            for (String date : List.of("1", "2", "3")) {
                Duck.writeParquet(staging.tablePath("articles").resolve("date=" + date + "/data_0.parquet"),
                        "SELECT 'a" + date + "' AS id, " + version + " AS version");
            }
            store.publish(lock, staging, SnapshotStoreTest.manifest("v" + version), Set.of("articles"), Map.of());
        }
    }
}
