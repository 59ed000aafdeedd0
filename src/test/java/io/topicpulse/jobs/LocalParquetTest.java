package io.topicpulse.jobs;

import io.topicpulse.table.Column;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows on the driver written by {@link LocalParquet} make the files Spark's own writer makes of them. */
class LocalParquetTest extends SparkLexiconTest {

    @TempDir
    Path tmp;

    @Test
    void aPartitionedTableGetsSparksFoldersFileNamesParquetSchemaAndRows() throws Exception {
        Dataset<Row> rows = TableIO.conform(termDaily(), Tables.TERM_DAILY);
        Path ours = tmp.resolve("ours");
        Path sparks = tmp.resolve("sparks");
        assertTrue(LocalParquet.canWrite(rows, Tables.TERM_DAILY));
        assertTrue(LocalParquet.write(rows, Tables.TERM_DAILY, ours.toString(), TableIO.MAX_RECORDS_PER_FILE));
        rows.coalesce(1).write().mode(SaveMode.Overwrite).partitionBy("date").parquet(sparks.toString());

        Map<String, String> ourFiles = dataFiles(ours);
        Map<String, String> sparkFiles = dataFiles(sparks);
        assertEquals(List.of("date=2024-11-13", "date=2024-11-14"), new ArrayList<>(ourFiles.keySet()));
        assertEquals(sparkFiles.keySet(), ourFiles.keySet());
        for (String folder : ourFiles.keySet()) {
            assertEquals(namePattern(sparkFiles.get(folder)), namePattern(ourFiles.get(folder)), folder);
            assertSameFooter(sparks.resolve(folder).resolve(sparkFiles.get(folder)),
                    ours.resolve(folder).resolve(ourFiles.get(folder)));
        }
        assertEquals(NightlyTables.sorted(rows), NightlyTables.sorted(TableIO.read(spark, Tables.TERM_DAILY,
                ours.toString())));
        assertEquals(duckDb(sparks, "term, ngram, count, articles, date"),
                duckDb(ours, "term, ngram, count, articles, date"));
    }

    @Test
    void anUnpartitionedTableWithMapsArraysAndTimestampsIsWrittenAsSparkWritesIt() throws Exception {
        Dataset<Row> rows = TableIO.conform(runStats(), Tables.RUN_STATS);
        Path ours = tmp.resolve("ours");
        Path sparks = tmp.resolve("sparks");
        assertTrue(LocalParquet.write(rows, Tables.RUN_STATS, ours.toString(), TableIO.MAX_RECORDS_PER_FILE));
        rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(sparks.toString());

        Map<String, String> ourFiles = dataFiles(ours);
        Map<String, String> sparkFiles = dataFiles(sparks);
        assertEquals(List.of(""), new ArrayList<>(ourFiles.keySet()));
        assertEquals(namePattern(sparkFiles.get("")), namePattern(ourFiles.get("")));
        assertSameFooter(sparks.resolve(sparkFiles.get("")), ours.resolve(ourFiles.get("")));
        assertEquals(NightlyTables.sorted(rows), NightlyTables.sorted(TableIO.read(spark, Tables.RUN_STATS,
                ours.toString())));
        String columns = "run_id, started_at, input_paths, rejects_by_reason, stage_seconds, accounting_ok";
        assertEquals(duckDb(sparks, columns), duckDb(ours, columns));
    }

    @Test
    void aDayOfMoreRowsThanAFileHoldsIsSplitIntoNumberedFiles() throws Exception {
        Dataset<Row> rows = TableIO.conform(termDaily(), Tables.TERM_DAILY);
        Path ours = tmp.resolve("ours");
        assertTrue(LocalParquet.write(rows, Tables.TERM_DAILY, ours.toString(), 2));
        try (Stream<Path> files = Files.list(ours.resolve("date=2024-11-13"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet"))
                    .sorted().toList();
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.get(0).contains(".c000.") && names.get(1).contains(".c001."), names.toString());
        }
        assertEquals(NightlyTables.sorted(rows), NightlyTables.sorted(TableIO.read(spark, Tables.TERM_DAILY,
                ours.toString())));
    }

    @Test
    void parquetSizesSetInTheHadoopConfigurationApplyAsToSparksWriter() throws Exception {
        Dataset<Row> rows = TableIO.conform(termDaily(), Tables.TERM_DAILY);
        Path ours = tmp.resolve("ours");
        Path sparks = tmp.resolve("sparks");
        spark.sparkContext().hadoopConfiguration().set("parquet.enable.dictionary", "false");
        try {
            assertTrue(LocalParquet.write(rows, Tables.TERM_DAILY, ours.toString(), TableIO.MAX_RECORDS_PER_FILE));
            rows.coalesce(1).write().mode(SaveMode.Overwrite).partitionBy("date").parquet(sparks.toString());
        } finally {
            spark.sparkContext().hadoopConfiguration().unset("parquet.enable.dictionary");
        }
        String folder = "date=2024-11-13";
        ParquetMetadata expected = footer(sparks.resolve(folder).resolve(dataFiles(sparks).get(folder)));
        ParquetMetadata actual = footer(ours.resolve(folder).resolve(dataFiles(ours).get(folder)));
        assertEquals(encodings(expected), encodings(actual));
        assertFalse(encodings(actual).toString().contains("DICTIONARY"), encodings(actual).toString());
    }

    private static List<String> encodings(ParquetMetadata footer) {
        return footer.getBlocks().get(0).getColumns().stream().map(c -> c.getPath() + " " + c.getEncodings())
                .toList();
    }

    @Test
    void whatWasUnderThePathIsReplacedAsByAnOverwrite() throws Exception {
        Path ours = tmp.resolve("ours");
        Files.createDirectories(ours.resolve("date=2024-10-01"));
        Files.writeString(ours.resolve("date=2024-10-01").resolve("part-old.parquet"), "old");
        assertTrue(LocalParquet.write(TableIO.conform(termDaily(), Tables.TERM_DAILY), Tables.TERM_DAILY,
                ours.toString(), TableIO.MAX_RECORDS_PER_FILE));
        assertFalse(Files.exists(ours.resolve("date=2024-10-01")));
    }

    @Test
    void rowsReadFromFilesANullDayNoRowsOrTheSettingOffAreLeftToSpark() throws Exception {
        Path scanned = tmp.resolve("scanned");
        TableIO.write(termDaily(), Tables.TERM_DAILY, scanned.toString());
        assertFalse(LocalParquet.canWrite(TableIO.read(spark, Tables.TERM_DAILY, scanned.toString()),
                Tables.TERM_DAILY), "a Parquet scan is not on the driver");

        spark.conf().set(LocalParquet.ENABLED, "false");
        try {
            assertFalse(LocalParquet.canWrite(TableIO.conform(termDaily(), Tables.TERM_DAILY), Tables.TERM_DAILY),
                    "turned off");
        } finally {
            spark.conf().unset(LocalParquet.ENABLED);
        }

        // Every table's partition column is NOT NULL; a table that allowed null days would be written by Spark.
        TableSpec nullableDays = new TableSpec("notes", "Notes by day.", List.of(
                new Column("note", DataTypes.StringType, false, "A note."),
                new Column("date", DataTypes.DateType, true, "Its day, if any.")), "date");
        Dataset<Row> undated = TableIO.conform(spark.createDataFrame(List.of(RowFactory.create("a", null),
                RowFactory.create("b", Date.valueOf("2024-11-13"))), nullableDays.sparkSchema()), nullableDays);
        Path ours = tmp.resolve("ours");
        assertTrue(LocalParquet.canWrite(undated, nullableDays));
        assertFalse(LocalParquet.write(undated, nullableDays, ours.toString(), 10));
        assertFalse(Files.exists(ours), "nothing written");
        assertFalse(LocalParquet.write(TableIO.conform(spark.createDataFrame(List.of(),
                Tables.RUN_STATS.sparkSchema()), Tables.RUN_STATS), Tables.RUN_STATS, ours.toString(), 10));
        assertFalse(Files.exists(ours), "nothing written");

        // Through TableIO, Spark writes them: the undated note lands in Hive's default partition.
        TableIO.writeRows(undated, nullableDays, ours.toString());
        assertTrue(Files.isDirectory(ours.resolve("date=__HIVE_DEFAULT_PARTITION__")));
        assertEquals(NightlyTables.sorted(undated), NightlyTables.sorted(TableIO.read(spark, nullableDays,
                ours.toString())));
    }

    private static void assertSameFooter(Path sparks, Path ours) throws IOException {
        ParquetMetadata expected = footer(sparks);
        ParquetMetadata actual = footer(ours);
        assertEquals(expected.getFileMetaData().getSchema(), actual.getFileMetaData().getSchema());
        Map<String, String> expectedKeys = new TreeMap<>(expected.getFileMetaData().getKeyValueMetaData());
        Map<String, String> actualKeys = new TreeMap<>(actual.getFileMetaData().getKeyValueMetaData());
        assertEquals(expectedKeys, actualKeys);
        assertEquals(expected.getBlocks().get(0).getColumns().get(0).getCodec(),
                actual.getBlocks().get(0).getColumns().get(0).getCodec());
        assertEquals(expected.getBlocks().stream().mapToLong(b -> b.getRowCount()).sum(),
                actual.getBlocks().stream().mapToLong(b -> b.getRowCount()).sum());
    }

    private static ParquetMetadata footer(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return reader.getFooter();
        }
    }

    /** The one data file of each folder under the table ("" for its root), by folder. */
    private static Map<String, String> dataFiles(Path table) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(table)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".parquet") && !name.startsWith(".")) {
                    String folder = table.relativize(f.getParent()).toString();
                    assertEquals(null, files.put(folder, name), "one file in " + folder);
                }
            }
        }
        return files;
    }

    /** A file name with its job id blanked: Spark's shape, e.g. part-00000-ID.c000.zstd.parquet. */
    private static String namePattern(String name) {
        return name.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID");
    }

    private static List<String> duckDb(Path table, String columns) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + columns + " FROM read_parquet('" + table
                     + "/**/*.parquet', hive_partitioning=true) ORDER BY ALL")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(rs.getMetaData().getColumnTypeName(i)).append(' ').append(rs.getString(i)).append(" | ");
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static Dataset<Row> termDaily() {
        Date day = Date.valueOf("2024-11-13");
        Date next = Date.valueOf("2024-11-14");
        return spark.createDataFrame(List.of(
                RowFactory.create("sanctions", 1, 7L, 3L, day),
                RowFactory.create("new sanctions", 2, 2L, 2L, day),
                RowFactory.create("axis", 1, 4L, 1L, day),
                RowFactory.create("multipolar", 1, 5L, 2L, next),
                RowFactory.create("\u00e9lys\u00e9e", 1, 3L, 3L, next)), Tables.TERM_DAILY.sparkSchema());
    }

    private static Dataset<Row> runStats() {
        TableSpec table = Tables.RUN_STATS;
        Object[] values = new Object[table.columns().size()];
        for (int i = 0; i < values.length; i++) {
            String name = table.columns().get(i).name();
            values[i] = switch (name) {
                case "run_id" -> "20241130T010203Z-abc123";
                case "command" -> "nightly";
                case "started_at" -> Timestamp.valueOf("2024-11-30 01:02:03.456789");
                case "finished_at" -> Timestamp.valueOf("2024-11-30 01:04:05");
                case "input_paths" -> scala.jdk.javaapi.CollectionConverters.asScala(List.of("/data/a", "/data/b"))
                        .toSeq();
                case "rejects_by_reason", "skipped_records", "read_warnings" ->
                        PipelineJob.scalaMap(Map.of("duplicate", 5L, "empty_text", 1L));
                case "stage_seconds" -> PipelineJob.scalaMap(Map.of("extract", 12.5, "aggregate", 2.25));
                case "versions" -> PipelineJob.scalaMap(Map.of("spark", "4.2.0", "extractor", "9"));
                case "accounting_ok" -> true;
                default -> (long) i;
            };
        }
        return spark.createDataFrame(List.of(RowFactory.create(values)), table.sparkSchema());
    }
}
