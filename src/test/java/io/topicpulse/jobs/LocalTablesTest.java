package io.topicpulse.jobs;

import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import io.topicpulse.table.store.SnapshotStore;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tables read and written by {@link LocalTables}, with no Spark session, are the rows Spark reads and writes. */
class LocalTablesTest extends SparkLexiconTest {

    @TempDir
    static Path tables;

    private static final LocalTables.Settings SETTINGS = LocalTables.Settings.of(new SparkConf(false));

    @BeforeAll
    static void runSampleData() throws IOException {
        PipelineJob.run(spark, NightlyTables.config("run", Path.of("sample-data"), tables.resolve("out"), lexicon));
    }

    /** The table's folder in the published snapshot (the output's table folders are links to it). */
    private static Path published(TableSpec table) throws IOException {
        return SnapshotStore.open(tables.resolve("out")).current().orElseThrow().tablePath(table.name());
    }

    @Test
    void everyTableReadsAsSparkReadsItPartitionColumnIncluded() throws IOException {
        for (TableSpec table : Tables.ALL) {
            Path path = published(table);
            List<Row> ours = LocalTables.read(LocalTables.files(path, SnapshotStore.dataFilesByPartition(path), null),
                    table, SETTINGS, table.columnNames());
            List<String> sparks = NightlyTables.sorted(TableIO.read(spark, table, path.toString()));
            assertEquals(sparks, NightlyTables.sorted(spark.createDataFrame(ours, table.sparkSchema())),
                    table.name());
            if (table != Tables.RUN_STATS) {
                assertFalse(ours.isEmpty(), table.name() + " has rows in the sample data's run");
            }
        }
    }

    @Test
    void someColumnsOfSomeDaysReadInTheOrderAskedFor() throws IOException {
        Path path = published(Tables.MENTIONS);
        Map<String, List<String>> byPartition = SnapshotStore.dataFilesByPartition(path);
        String first = byPartition.keySet().stream().filter(p -> !p.isEmpty()).sorted().findFirst().orElseThrow();
        LocalDate day = LocalDate.parse(first.substring("date=".length()));
        List<Row> ours = LocalTables.read(LocalTables.files(path, byPartition, Set.of(day)), Tables.MENTIONS,
                SETTINGS, "date", "count", "doc_id");
        List<Row> sparks = TableIO.read(spark, Tables.MENTIONS, path.toString())
                .filter(org.apache.spark.sql.functions.col("date").equalTo(java.sql.Date.valueOf(day)))
                .select("date", "count", "doc_id").collectAsList();
        assertEquals(sparks.stream().map(Row::toString).sorted().toList(),
                ours.stream().map(Row::toString).sorted().toList());
        assertEquals(sparks.size(), LocalTables.rowCount(LocalTables.files(path, byPartition, Set.of(day)),
                SETTINGS));
    }

    @Test
    void rowsWrittenWithoutASessionReadBackAsTheRowsSparkWrote(@TempDir Path dir) throws IOException {
        for (TableSpec table : Tables.ALL) {
            Path path = published(table);
            List<Row> rows = TableIO.read(spark, table, path.toString()).collectAsList();
            Path written = dir.resolve(table.name());
            LocalTables.write(rows, table, written, SETTINGS);
            assertEquals(NightlyTables.sorted(TableIO.read(spark, table, path.toString())),
                    NightlyTables.sorted(TableIO.read(spark, table, written.toString())), table.name());
        }
    }

    @Test
    void anEmptyTableIsOneTypedFileThatReadsAsNoRows(@TempDir Path dir) throws IOException {
        for (TableSpec table : List.of(Tables.ARTICLES, Tables.REJECTS)) {
            Path written = dir.resolve(table.name());
            LocalTables.writeEmpty(table, written, SETTINGS);
            Map<String, List<String>> files = SnapshotStore.dataFilesByPartition(written);
            assertEquals(Set.of(""), files.keySet(), table.name());
            assertEquals(1, files.get("").size());
            assertEquals(0, TableIO.read(spark, table, written.toString()).count());
            assertEquals(List.of(table.columnNames()), List.of(spark.read().parquet(written.toString()).columns()));
        }
        Path none = dir.resolve("none");
        LocalTables.write(List.of(), Tables.MENTIONS, none, SETTINGS);
        assertTrue(Files.notExists(none), "a partitioned table without rows writes nothing");
    }
}
