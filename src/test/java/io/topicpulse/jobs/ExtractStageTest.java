package io.topicpulse.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicpulse.ingest.InputFile;
import io.topicpulse.ingest.InputFormat;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the extract stage spreads input files over tasks, and its two ways of extracting and merging a night. */
class ExtractStageTest extends SparkLexiconTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @Test
    void stripesAFileOfLinesOnlyWhenThereAreFewerFilesThanCores() {
        InputFile lines = new InputFile("file:/dumps/a.jsonl.gz", InputFormat.JSONL, 100, 0);
        InputFile warc = new InputFile("file:/dumps/b.warc.gz", InputFormat.WARC, 200, 0);

        assertEquals(List.of(new ExtractStage.Slice(lines, 0, 3), new ExtractStage.Slice(lines, 1, 3),
                new ExtractStage.Slice(lines, 2, 3)), ExtractStage.slices(List.of(lines), 3, true));
        assertEquals(List.of(new ExtractStage.Slice(warc, 0, 1), new ExtractStage.Slice(lines, 0, 2),
                new ExtractStage.Slice(lines, 1, 2)), ExtractStage.slices(List.of(lines, warc), 4, true));
        assertEquals(List.of(new ExtractStage.Slice(warc, 0, 1), new ExtractStage.Slice(lines, 0, 1)),
                ExtractStage.slices(List.of(lines, warc), 2, true));
        assertEquals(List.of(new ExtractStage.Slice(lines, 0, 1)), ExtractStage.slices(List.of(lines), 3, false));
    }

    @Test
    void refusesAStripesSettingThatIsNeitherTrueNorFalse() {
        spark.conf().set(ExtractStage.STRIPES, "yes");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExtractStage.run(spark, List.of(), "run-1"));
            assertEquals(ExtractStage.STRIPES + " must be true or false, was 'yes'", e.getMessage());
        } finally {
            spark.conf().unset(ExtractStage.STRIPES);
        }
    }

    @Test
    @Tag("slow")
    void nightsExtractedAndMergedOnTheDriverGiveTheTablesOfNightsExtractedAndMergedInSpark(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("dumps");
        Files.createDirectories(root);
        Path onDriver = dir.resolve("driver");
        Path inSpark = dir.resolve("spark");
        for (List<String> night : List.of(List.of("html", "warc"), List.of("jsonl", "broken"))) {
            for (String folder : night) {
                Files.createSymbolicLink(root.resolve(folder), Path.of("sample-data", folder).toAbsolutePath());
            }
            if (night.contains("jsonl")) {
                writeRefetches(onDriver, root.resolve("refetches.jsonl"));
            }
            NightlyTables.nightly(spark, root, onDriver, lexicon);
            spark.conf().set(ExtractStage.DRIVER_MERGE_LIMIT, "-1");
            spark.conf().set(ExtractStage.DRIVER_EXTRACT_BYTES, "-1");
            try {
                NightlyTables.nightly(spark, root, inSpark, lexicon);
            } finally {
                spark.conf().unset(ExtractStage.DRIVER_MERGE_LIMIT);
                spark.conf().unset(ExtractStage.DRIVER_EXTRACT_BYTES);
            }
        }

        Map<String, List<String>> driverTables = NightlyTables.all(spark, onDriver);
        assertEquals(driverTables, NightlyTables.all(spark, inSpark));
        assertTrue(driverTables.get(Tables.REJECTS.name()).stream().filter(r -> r.contains("duplicate")).count() >= 2,
                "the re-fetches competed with stored articles");
    }

    @Test
    void aNightExtractedOnTheDriverBuildsTheRowsOfItsArticlesThereAsSparkWould() {
        List<InputFile> files = io.topicpulse.ingest.InputFiles.expand(new org.apache.hadoop.conf.Configuration(),
                List.of("sample-data/html")).files();
        StoredArticles none = new StoredArticles(spark,
                spark.createDataFrame(List.of(), Tables.ARTICLES.sparkSchema()),
                spark.createDataFrame(List.of(), Tables.ARTICLES_UNDATED.sparkSchema()), java.util.Set.of());
        ExtractStage.Result result = ExtractStage.run(spark, files, "run-1", none);

        List<Row> inHand = result.datedArticleRows();
        assertTrue(inHand != null && inHand.size() > 20, "the night's article rows came to the driver");
        assertEquals(sorted(result.articles().collectAsList()), sorted(inHand));
        assertEquals(result.articlesDated(), inHand.size());
    }

    @Test
    void rowsFromTheDriverGoToTasksInSlicesSoNoTaskCarriesThemAll() {
        StructType schema = new StructType()
                .add("doc_id", DataTypes.StringType)
                .add("cluster_id", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2 * OnDriver.ROWS_PER_TASK + 1; i++) {
            rows.add(RowFactory.create("doc-" + i, "cluster-" + i / 3));
        }
        Dataset<Row> sliced = OnDriver.dataFrame(spark, rows, schema);
        assertEquals(3, sliced.javaRDD().getNumPartitions());
        assertEquals(sorted(rows), sorted(sliced.collectAsList()));

        List<Row> few = rows.subList(0, 5);
        assertEquals(sorted(few), sorted(OnDriver.dataFrame(spark, few, schema).collectAsList()));
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().toList();
    }

    /**
     * A newer fetch with another text of two stored articles (one replaces the stored one, one loses to it as an
     * older fetch) and a copy of one under another URL.
     */
    private static void writeRefetches(Path published, Path file) throws IOException {
        List<Row> stored = TableIO.read(spark, Tables.ARTICLES, published.resolve("articles").toString())
                .filter(col("word_count").gt(100)).orderBy("doc_id").limit(2).collectAsList();
        List<String> lines = new ArrayList<>();
        lines.add(line(stored.get(0).getAs("url"), stored.get(0).<String>getAs("text")
                + " An update added this closing sentence to the story.", "2030-01-01T00:00:00Z"));
        lines.add(line(stored.get(1).getAs("url"), stored.get(1).<String>getAs("text")
                + " An early draft had this sentence.", "2000-01-01T00:00:00Z"));
        lines.add(line("https://mirror.example/copied", stored.get(0).getAs("text"), "2024-12-01T00:00:00Z"));
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static String line(String url, String text, String fetchedAt) throws IOException {
        String html = "<html><head><title>Re-fetched</title></head><body><article><h1>Re-fetched</h1><p>"
                + text.replace("\n\n", "</p><p>") + "</p></article></body></html>";
        return JSON.writeValueAsString(Map.of("url", url, "html", html, "fetched_at", fetchedAt));
    }
}
