package io.topicpulse.table.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
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
        int[] counts = readWhilePublishing(() -> output + "/articles", SnapshotStore.DEFAULT_KEEP);
        int complete = counts[0];
        int shortReads = counts[1];
        int failed = counts[2];
        System.out.println("reads through the links during publishing: " + complete + " complete, " + shortReads
                + " short, " + failed + " failed");
        assertTrue(complete > 0, "no read was complete");
        assertTrue(shortReads <= complete, "more short reads (" + shortReads + ") than complete ones (" + complete
                + ")");
    }

    /** A reader that resolves the snapshot once ({@code _CURRENT}) reads all of it, however many runs publish. */
    @Test
    void aReaderOfTheResolvedSnapshotSeesEveryPartitionOfOneVersion() throws Exception {
        // Enough snapshots kept that none is deleted under the reader: they stay DEFAULT_KEEP runs long.
        int[] counts = readWhilePublishing(() -> output + "/" + SnapshotStore.SNAPSHOTS + "/"
                + Files.readString(output.resolve(SnapshotStore.CURRENT_FILE)).trim() + "/articles", 100_000);
        assertEquals(300, counts[0], "complete reads");
    }

    /**
     * Reads the table 300 times at {@code table} while another thread publishes new versions of all its partitions
     * without pause; returns the complete reads, the short ones (fewer than all partitions, one version) and those
     * that failed because a listed file was gone. A read that mixes versions fails the test.
     */
    private int[] readWhilePublishing(Callable<String> table, int keep) throws Exception {
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
        try {
            for (int read = 0; read < 300; read++) {
                try {
                    List<String> row = Duck.rows("SELECT count(*), min(version), max(version) FROM read_parquet('"
                            + table.call() + "/**/*.parquet', hive_partitioning = true)");
                    String[] cols = row.get(0).split("\\|");
                    assertEquals(cols[1], cols[2], "one version across partitions: " + row);
                    if (cols[0].equals("3")) {
                        complete++;
                    } else {
                        assertTrue(Integer.parseInt(cols[0]) < 3, "rows in " + row);
                        shortReads++;
                    }
                } catch (SQLException e) {
                    // A file listed before a switch and opened after it is gone: the read fails, it does not mix.
                    assertTrue(e.getMessage().contains("No such file") || e.getMessage().contains("No files found")
                                    || e.getMessage().contains("Cannot open file"), e.getMessage());
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
        return new int[] {complete, shortReads, failed};
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
