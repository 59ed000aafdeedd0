package io.topicpulse.jobs;

import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableIOTest {

    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        spark = SparkTestSession.start();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void writesDateAndTimestampColumnsThatDuckDbReadsAsDateAndTimestamp() throws Exception {
        String out = tmp.resolve("mentions").toString();
        TableIO.write(mentions(), Tables.MENTIONS, out);

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            ResultSet types = st.executeQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                    + "read_parquet('" + out + "/**/*.parquet', hive_partitioning=true))");
            List<String> described = new ArrayList<>();
            while (types.next()) {
                described.add(types.getString(1) + " " + types.getString(2));
            }
            assertTrue(described.contains("date DATE"), described.toString());
            assertTrue(described.contains("count INTEGER"), described.toString());

            ResultSet rows = st.executeQuery("SELECT date, sum(count) FROM read_parquet('" + out
                    + "/**/*.parquet', hive_partitioning=true) GROUP BY date ORDER BY date NULLS LAST");
            assertTrue(rows.next());
            assertEquals(LocalDate.of(2024, 11, 13), rows.getObject(1, LocalDate.class));
            assertEquals(5, rows.getLong(2));
            assertTrue(rows.next());
            assertEquals(LocalDate.of(2024, 11, 14), rows.getObject(1, LocalDate.class));
            assertEquals(2, rows.getLong(2));
            assertFalse(rows.next());
        }
    }

    @Test
    void writesHiveStyleDatePartitionsAndNoMarkerFiles() throws Exception {
        String out = tmp.resolve("mentions").toString();
        TableIO.write(mentions(), Tables.MENTIONS, out);
        try (Stream<Path> files = Files.list(Path.of(out))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("date=2024-11-13", "date=2024-11-14"), names);
        }
    }

    @Test
    void readsBackWhatItWroteWithTheDeclaredSchema() {
        String out = tmp.resolve("mentions").toString();
        TableIO.write(mentions(), Tables.MENTIONS, out);
        Dataset<Row> back = TableIO.read(spark, Tables.MENTIONS, out);
        assertEquals(Tables.MENTIONS.sparkSchema().simpleString(), back.schema().simpleString());
        assertEquals(3, back.count());
    }

    @Test
    void writesTimestampsAsInt64MicrosNotInt96() throws Exception {
        TableSpec table = Tables.RUN_STATS;
        String out = tmp.resolve("run_stats").toString();
        Row row = RowFactory.create("r1", "run", java.sql.Timestamp.from(Instant.parse("2024-11-30T10:00:00Z")),
                java.sql.Timestamp.from(Instant.parse("2024-11-30T10:01:00Z")),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("in")).toSeq(), 1L, 0L, 1L, 1L, 1L, 0L, 0L,
                scala.collection.immutable.Map$.MODULE$.empty(), scala.collection.immutable.Map$.MODULE$.empty(),
                scala.collection.immutable.Map$.MODULE$.empty(), 0L,
                scala.collection.immutable.Map$.MODULE$.empty(), scala.collection.immutable.Map$.MODULE$.empty(),
                true);
        TableIO.write(spark.createDataFrame(List.of(row), table.sparkSchema()), table, out);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT type, logical_type FROM parquet_schema('" + out
                    + "/*.parquet') WHERE name = 'started_at'");
            assertTrue(rs.next());
            assertEquals("INT64", rs.getString(1));
            ResultSet v = st.executeQuery("SELECT started_at FROM read_parquet('" + out + "/*.parquet')");
            assertTrue(v.next());
            assertEquals(Instant.parse("2024-11-30T10:00:00Z"),
                    v.getObject(1, java.time.OffsetDateTime.class).toInstant());
        }
    }

    @Test
    void aTableWithoutRowsIsOneParquetFileThatDuckDbReadsAsAnEmptyTypedTable() throws Exception {
        for (TableSpec table : List.of(Tables.MENTIONS, Tables.REJECTS)) {
            String out = tmp.resolve(table.name()).toString();
            TableIO.write(spark.createDataFrame(List.of(), table.sparkSchema()), table, out);
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
                String scan = "read_parquet('" + out + "/**/*.parquet', hive_partitioning=true)";
                ResultSet types = st.executeQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                        + scan + ")");
                List<String> described = new ArrayList<>();
                while (types.next()) {
                    described.add(types.getString(1) + " " + types.getString(2));
                }
                assertEquals(table.columns().size(), described.size(), table.name() + ": " + described);
                assertTrue(described.contains("source_offset BIGINT") || described.contains("date DATE"),
                        table.name() + ": " + described);
                ResultSet count = st.executeQuery("SELECT count(*) FROM " + scan);
                assertTrue(count.next());
                assertEquals(0, count.getLong(1), table.name());
            }
            assertEquals(0, TableIO.read(spark, table, out).count(), table.name());
        }
    }

    @Test
    void writingSomePartitionsWithoutRowsLeavesNoFile() throws Exception {
        String out = tmp.resolve("mentions").toString();
        TableIO.writeRows(spark.createDataFrame(List.of(), Tables.MENTIONS.sparkSchema()), Tables.MENTIONS, out);
        try (Stream<Path> files = Files.walk(Path.of(out))) {
            assertEquals(List.of(), files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList());
        }
    }

    @Test
    void rowsMadeOnTheDriverAreWrittenAsOneFilePerDayWithoutAShuffle() throws Exception {
        String out = tmp.resolve("mentions").toString();
        Dataset<Row> local = mentions();
        assertTrue(TableIO.onDriver(TableIO.conform(local, Tables.MENTIONS)), "a local relation");
        assertFalse(TableIO.onDriver(TableIO.read(spark, Tables.MENTIONS, writtenToParquet(local))), "a Parquet scan");
        TableIO.writeRows(local, Tables.MENTIONS, out);
        for (String day : List.of("date=2024-11-13", "date=2024-11-14")) {
            try (Stream<Path> files = Files.list(Path.of(out, day))) {
                assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count(), day);
            }
        }
        assertEquals(NightlyTables.sorted(TableIO.conform(local, Tables.MENTIONS)),
                NightlyTables.sorted(TableIO.read(spark, Tables.MENTIONS, out)));
    }

    private String writtenToParquet(Dataset<Row> rows) {
        String path = tmp.resolve("scanned").toString();
        TableIO.write(rows, Tables.MENTIONS, path);
        return path;
    }

    private static Dataset<Row> mentions() {
        java.sql.Date day = java.sql.Date.valueOf("2024-11-13");
        List<Row> rows = List.of(
                RowFactory.create("d1", "a.example", "d1", "sanctions", "sanctions", 3, 1, 1, 1, "h", day),
                RowFactory.create("d2", "b.example", "d2", "axis", "axis", 2, 0, 0, 2, "h", day),
                RowFactory.create("d3", "b.example", "d3", "axis", "axis", 2, 0, 0, 2, "h", java.sql.Date.valueOf("2024-11-14")));
        return spark.createDataFrame(rows, Tables.MENTIONS.sparkSchema());
    }
}
