package io.topicpulse.table.store;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spark writes staged tables and reads published ones through the links, as the nightly job and notebooks do. */
class SparkReadsSnapshotsTest {

    private static SparkSession spark;

    @TempDir
    Path output;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("snapshot-store-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void sparkWritesPartitionsIntoStagingAndReadsThePublishedTableThroughTheLink() throws Exception {
        try (RunLock lock = RunLock.acquire(output, "spark test")) {
            SnapshotStore store = SnapshotStore.open(output);
            publishWithSpark(store, lock, "run1", "('a1', 1, '2024-11-29'), ('a2', 1, '2024-11-30')",
                    Set.of("articles"), Map.of());
            Snapshot firstSnapshot = store.current().orElseThrow();

            publishWithSpark(store, lock, "run2", "('a2', 2, '2024-11-30'), ('a3', 2, '2024-12-01')", Set.of(),
                    Map.of("articles", Set.of("date=2024-11-30", "date=2024-12-01")));

            assertEquals(List.of("a1|1|2024-11-29", "a2|2|2024-11-30", "a3|2|2024-12-01"),
                    read(output.resolve("articles")));
            assertEquals(List.of("a1|1|2024-11-29", "a2|1|2024-11-30"), read(firstSnapshot.tablePath("articles")),
                    "a pinned snapshot reads as it was published");
            assertEquals(read(output.resolve("articles")), Duck.table(output.resolve("articles")),
                    "DuckDB reads the files Spark wrote and the store renamed alike");
        }
    }

    @Test
    void aDataFrameListedBeforeAPublishFailsToReadRatherThanMixVersions() throws Exception {
        try (RunLock lock = RunLock.acquire(output, "spark test")) {
            SnapshotStore store = SnapshotStore.open(output);
            publishWithSpark(store, lock, "run1", "('a1', 1, '2024-11-29'), ('a2', 1, '2024-11-30')",
                    Set.of("articles"), Map.of());
            Dataset<Row> listedBefore = spark.read().parquet(output.resolve("articles").toString());

            publishWithSpark(store, lock, "run2", "('a2', 2, '2024-11-30')", Set.of(),
                    Map.of("articles", Set.of("date=2024-11-30")));

            Exception e = assertThrows(Exception.class, listedBefore::collectAsList);
            assertTrue(String.valueOf(e.getMessage()).contains("does not exist")
                    || String.valueOf(e.getMessage()).contains("FileNotFound"), e.getMessage());
            assertEquals(List.of("a1|1|2024-11-29", "a2|2|2024-11-30"), read(output.resolve("articles")),
                    "a DataFrame made after the publish reads the new version");
        }
    }

    /** Stages the articles rows {@code values} written by Spark, partitioned by date, and publishes them. */
    private static void publishWithSpark(SnapshotStore store, RunLock lock, String runId, String values,
                                         Set<String> whole, Map<String, Set<String>> partitions) throws Exception {
        Staging staging = store.beginStaging(lock, runId);
        spark.sql("SELECT id, version, date FROM VALUES " + values + " AS t(id, version, date)")
                .write().partitionBy("date").parquet(staging.tablePath("articles").toString());
        store.publish(lock, staging, SnapshotStoreTest.manifest(runId), whole, partitions);
    }

    private static List<String> read(Path table) {
        return spark.read().parquet(table.toString()).orderBy("id", "version").collectAsList().stream()
                .map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2)).toList();
    }
}
