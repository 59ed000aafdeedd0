package io.topicpulse.table.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DuckDB reads a table through its link while runs keep publishing new versions of all its partitions. */
class ConcurrentReaderTest {

    @TempDir
    Path output;

    @Test
    void aReaderSeesOneVersionOfEveryPartitionOrFailsNeverAMix() throws Exception {
        publish(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> publisherFailure = new AtomicReference<>();
        Thread publisher = new Thread(() -> {
            try {
                for (int version = 2; !stop.get(); version++) {
                    publish(version);
                }
            } catch (Exception e) {
                publisherFailure.set(e);
            }
        });
        publisher.start();
        int consistent = 0;
        int failed = 0;
        String query = "SELECT count(*), min(version), max(version) FROM read_parquet('" + output
                + "/articles/**/*.parquet', hive_partitioning = true)";
        try {
            for (int read = 0; read < 300; read++) {
                try {
                    List<String> row = Duck.rows(query);
                    String[] cols = row.get(0).split("\\|");
                    assertEquals("3", cols[0], "rows in " + row);
                    assertEquals(cols[1], cols[2], "one version across partitions: " + row);
                    consistent++;
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
        System.out.println("reads during publishing: " + consistent + " consistent, " + failed + " failed");
        assertTrue(consistent > 0, "no read succeeded");
    }

    private void publish(int version) throws Exception {
        try (RunLock lock = RunLock.acquire(output, "run " + version)) {
            SnapshotStore store = SnapshotStore.open(output);
            Staging staging = store.beginStaging(lock, "v" + version);
            for (String date : List.of("1", "2", "3")) {
                Duck.writeParquet(staging.tablePath("articles").resolve("date=" + date + "/data_0.parquet"),
                        "SELECT 'a" + date + "' AS id, " + version + " AS version");
            }
            store.publish(lock, staging, SnapshotStoreTest.manifest("v" + version), Set.of("articles"), Map.of());
        }
    }
}
