package io.topicpulse.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicpulse.table.Tables;
import io.topicpulse.topics.Lexicon;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nightly runs against one full run over the same files. */
class NightlyJobTest extends SparkLexiconTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @Test
    @Tag("slow")
    void sampleDataInThreeNightsGivesTheTablesOfOneFullRunAndARerunChangesNothing(@TempDir Path dir)
            throws IOException {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("nightly");
        copy(Path.of("sample-data/html"), root.resolve("html"));
        nightly(root, out);
        copy(Path.of("sample-data/warc"), root.resolve("warc"));
        // The second night matches, counts and aggregates in Spark, as a night too large for the driver would.
        spark.conf().set(OnDriver.TEXT_LIMIT, "-1");
        spark.conf().set(IncrementalSeries.DRIVER_SERIES_LIMIT, "-1");
        try {
            nightly(root, out);
        } finally {
            spark.conf().unset(OnDriver.TEXT_LIMIT);
            spark.conf().unset(IncrementalSeries.DRIVER_SERIES_LIMIT);
        }
        copy(Path.of("sample-data/jsonl"), root.resolve("jsonl"));
        copy(Path.of("sample-data/broken"), root.resolve("broken"));
        nightly(root, out);
        Map<String, List<String>> nights = NightlyTables.all(spark, out);

        PipelineJob.Outcome again = nightly(root, out);
        assertEquals(0L, again.stats().get("input_records"));
        assertEquals(nights, NightlyTables.all(spark, out), "running the same night twice changes nothing");

        Path full = dir.resolve("full");
        PipelineJob.run(spark, config("run", root, full, lexicon));
        Map<String, List<String>> once = NightlyTables.all(spark, full);
        assertTrue(once.get(Tables.ARTICLES_UNDATED.name()).size() + once.get(Tables.ARTICLES.name()).size() > 80);
        assertEquals(once, nights);
        List<Row> runs = TableIO.read(spark, Tables.RUN_STATS, out.resolve("run_stats").toString())
                .orderBy("started_at").collectAsList();
        assertEquals(4, runs.size(), "one run_stats row per night");
        assertTrue(runs.stream().allMatch(r -> r.getBoolean(r.fieldIndex("accounting_ok"))));
        // Each night's mentions total, kept up to date from the rewritten partitions, is the table's sum.
        long mentions = TableIO.read(spark, Tables.MENTIONS, out.resolve("mentions").toString())
                .agg(org.apache.spark.sql.functions.sum("count")).first().getLong(0);
        assertTrue(mentions > 0);
        assertEquals(mentions, runs.get(2).getLong(runs.get(2).fieldIndex("mentions")), "third night");
        assertEquals(mentions, runs.get(3).getLong(runs.get(3).fieldIndex("mentions")), "the same night again");
    }

    @Test
    void aNightTakesTheReadStartedBeforeSparkOnlyWhenItPlansTheSameFiles(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("nightly");
        copy(Path.of("sample-data/html"), root.resolve("html"));
        nightly(root, out);

        copy(Path.of("sample-data/jsonl"), root.resolve("jsonl"));
        NightlyJob.Config tonight = new NightlyJob.Config(config("nightly", root, out, lexicon), null, null, false);
        NightlyJob.EarlyRead early = NightlyJob.startReading(tonight, "local[2]", new SparkConf());
        assertNotNull(early, "a small local night starts reading before Spark");
        NightlyJob.run(spark, tonight, early);
        assertTrue(early.taken(), "the night took the rows read before Spark");

        // Files that arrive between the read and the night's plan: the night reads what it plans, not the read.
        copy(Path.of("sample-data/warc"), root.resolve("warc"));
        NightlyJob.EarlyRead stale = NightlyJob.startReading(
                new NightlyJob.Config(config("nightly", root, out, lexicon), null, null, false), "local[2]",
                new SparkConf());
        assertNotNull(stale);
        copy(Path.of("sample-data/broken"), root.resolve("broken"));
        NightlyJob.run(spark, new NightlyJob.Config(config("nightly", root, out, lexicon), null, null, false), stale);
        assertFalse(stale.taken(), "a read of other files than the night plans is left unused");

        Path full = dir.resolve("full");
        PipelineJob.run(spark, config("run", root, full, lexicon));
        assertEquals(NightlyTables.all(spark, full), NightlyTables.all(spark, out));
        assertNull(NightlyJob.startReading(new NightlyJob.Config(config("nightly", root, out, lexicon), null, null,
                false), "local[2]", new SparkConf()), "nothing new: nothing to read");
        assertNull(NightlyJob.startReading(tonight, "spark://cluster:7077", new SparkConf()),
                "a cluster's executors read, not the driver");
    }

    @Test
    void aNewerFetchReplacesTheArticleCopiesJoinTheEarlierClusterAndAChangedFileIsReadAgain(@TempDir Path dir)
            throws IOException {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("nightly");
        Files.createDirectories(root);
        Path first = root.resolve("night-1.jsonl");
        write(first, line("https://a.example/ferry", "Ferry talks resume", FERRY, "2024-11-01T08:00:00Z"),
                line("https://a.example/harbor", "Harbor crane fails", HARBOR, "2024-11-01T09:00:00Z"),
                line("https://a.example/choir", "Choir wins prize", CHOIR, "2024-11-01T10:00:00Z"));
        nightly(root, out);
        String harborId = docId(out, "https://a.example/harbor");

        write(root.resolve("night-2.jsonl"),
                line("https://a.example/ferry", "Ferry talks collapse", FERRY + " Late tonight the talks collapsed "
                        + "after the operators walked out of the room without a word.", "2024-11-02T08:00:00Z"),
                line("https://b.example/wire/crane", "Crane failure at harbor", HARBOR.replace("Tuesday",
                        "Wednesday"), "2024-11-02T09:00:00Z"));
        nightly(root, out);
        List<Row> articles = TableIO.read(spark, Tables.ARTICLES_UNDATED,
                out.resolve("articles_undated").toString()).collectAsList();
        assertEquals(4, articles.size());
        Row ferry = articles.stream().filter(r -> r.getAs("url").equals("https://a.example/ferry")).findFirst()
                .orElseThrow();
        assertTrue(ferry.<String>getAs("text").contains("collapsed"), "the newer fetch's text wins");
        Row copy = articles.stream().filter(r -> r.getAs("url").equals("https://b.example/wire/crane"))
                .findFirst().orElseThrow();
        assertEquals(harborId, copy.getAs("cluster_id"), "a copy of an earlier night's article joins its cluster");
        List<Row> duplicates = TableIO.read(spark, Tables.REJECTS, out.resolve("rejects").toString())
                .filter(col("reason").equalTo("duplicate")).collectAsList();
        assertEquals(1, duplicates.size());
        assertEquals(first.toUri().toString().replace("file:///", "file:/"), duplicates.get(0).getAs("source"));

        // The first dump is re-delivered with the choir story dropped and the harbor story corrected.
        write(first, line("https://a.example/ferry", "Ferry talks resume", FERRY, "2024-11-01T08:00:00Z"),
                line("https://a.example/harbor", "Harbor crane fails", HARBOR + " A spokesman later said the crane "
                        + "would be back in service within the week.", "2024-11-01T09:00:00Z"));
        PipelineJob.Outcome third = nightly(root, out);
        assertEquals(1, third.stats().get("changed_files"));
        Map<String, List<String>> nights = NightlyTables.all(spark, out, "detail");
        assertFalse(nights.get(Tables.ARTICLES_UNDATED.name()).toString().contains("Choir"));

        Path full = dir.resolve("full");
        PipelineJob.run(spark, config("run", root, full, lexicon));
        assertEquals(NightlyTables.all(spark, full, "detail"), nights);
    }

    @Test
    void aNightWithANewLexiconRecordsItWithoutExtractingAgain(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("nightly");
        Files.createDirectories(root);
        write(root.resolve("n.jsonl"), line("https://a.example/ferry", "Ferry talks", FERRY, "2024-11-01T08:00:00Z"));
        nightly(root, out);
        Lexicon other = Lexicon.parse("topics:\n  ferries: { terms: [ferry, ferries] }\n", "test lexicon");
        PipelineJob.Outcome outcome = NightlyJob.run(spark, new NightlyJob.Config(config("nightly", root, out, other),
                null, null, false));
        assertEquals(true, outcome.stats().get("lexicon_changed"));
        assertEquals(0L, outcome.stats().get("input_records"));
        assertEquals(other.contentHash(), outcome.snapshot().manifest().versions().get("lexicon_hash"));
        assertNotEquals(lexicon.contentHash(), other.contentHash());
    }

    @Test
    void aTableEmptyOnTheFirstNightReadsAsEmptyAndTakesItsFirstRowsOnALaterNight(@TempDir Path dir)
            throws Exception {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("nightly");
        Files.createDirectories(root);
        write(root.resolve("n1.jsonl"), line("https://a.example/ferry", "Ferry talks", FERRY, "2024-11-01T08:00:00Z"));
        nightly(root, out);
        assertEquals(0, duckDbCount(out.resolve("articles")), "no dated article yet, but a typed table to read");

        write(root.resolve("n2.jsonl"), datedLine("https://a.example/harbor", HARBOR, "2024-11-02"));
        nightly(root, out);
        assertEquals(1, TableIO.read(spark, Tables.ARTICLES, out.resolve("articles").toString()).count());
        try (Stream<Path> rootFiles = Files.list(out.resolve("articles"))) {
            assertEquals(List.of(), rootFiles.filter(Files::isRegularFile).toList(),
                    "the empty-table file goes once the table has partitions");
        }
        Path full = dir.resolve("full");
        PipelineJob.run(spark, config("run", root, full, lexicon));
        assertEquals(NightlyTables.all(spark, full), NightlyTables.all(spark, out));
    }

    @Test
    void aDatedTableWhoseLastRowsLeaveStillReadsAsAnEmptyTypedTable(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("nightly");
        Files.createDirectories(root);
        Path dump = root.resolve("n1.jsonl");
        write(dump, datedLine("https://a.example/harbor", HARBOR, "2024-11-02"));
        nightly(root, out);
        assertEquals(1, TableIO.read(spark, Tables.ARTICLES, out.resolve("articles").toString()).count());

        // Re-delivered without its date: the article moves to articles_undated and leaves no dated row.
        write(dump, line("https://a.example/harbor", "Harbor crane fails", HARBOR, "2024-11-02T20:00:00Z"));
        nightly(root, out);
        assertEquals(0, duckDbCount(out.resolve("articles")));
        Path full = dir.resolve("full");
        PipelineJob.run(spark, config("run", root, full, lexicon));
        assertEquals(NightlyTables.all(spark, full), NightlyTables.all(spark, out));
    }

    @Test
    void aNightsUndatedArticlesGoIntoOneFileEvenWhenItsFileIsReadInStripes(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("nightly");
        Files.createDirectories(root);
        // One file, fewer than the cores: read in two stripes, the undated article in the second.
        write(root.resolve("n1.jsonl"), datedLine("https://a.example/harbor", HARBOR, "2024-11-02"),
                line("https://b.example/choir", "Choir wins", CHOIR, "2024-11-02T20:00:00Z"));
        nightly(root, out);
        assertEquals(1, TableIO.read(spark, Tables.ARTICLES_UNDATED, out.resolve("articles_undated").toString())
                .count());
        assertEquals(1, dataFiles(out.resolve("articles_undated")), "one file, not an empty one beside it");
    }

    @Test
    void appendOnlyTablesAreRewrittenIntoFewFilesOnceTheyGatherMany(@TempDir Path dir) throws Exception {
        NightlyJob.Compaction compaction = new NightlyJob.Compaction(3, NightlyJob.Compaction.DEFAULT.fileBytes());
        Path out = fourNightsOfRejects(dir, compaction, night -> {
            assertTrue(dataFiles(dir.resolve("nightly").resolve("rejects")) < 3, "night " + night + " rejects files");
            assertTrue(dataFiles(dir.resolve("nightly").resolve("rejects")) > 0, "night " + night + " rejects files");
            assertTrue(dataFiles(dir.resolve("nightly").resolve("run_stats")) < 3, "night " + night + " run_stats");
        });
        assertEquals(4, TableIO.read(spark, Tables.RUN_STATS, out.resolve("run_stats").toString()).count());
    }

    @Test
    void filesAsLargeAsACompactedOneAreNeitherCountedNorRewritten(@TempDir Path dir) throws Exception {
        // Every file counts as large here: a table too big for one file must not be rewritten every night.
        NightlyJob.Compaction compaction = new NightlyJob.Compaction(3, 1);
        java.util.Set<String> firstNight = new java.util.TreeSet<>();
        Path out = fourNightsOfRejects(dir, compaction, night -> {
            java.util.Set<String> names = dataFileNames(dir.resolve("nightly").resolve("rejects"));
            if (night == 1) {
                firstNight.addAll(names);
            }
            assertTrue(names.containsAll(firstNight), "night " + night + " kept the first night's files");
            assertEquals(night, names.size(), "night " + night + " rejects files");
        });
        assertEquals(4, TableIO.read(spark, Tables.RUN_STATS, out.resolve("run_stats").toString()).count());
    }

    /** Four nights of a dated page and a broken record each, checked after each night; equal to a full run. */
    private Path fourNightsOfRejects(Path dir, NightlyJob.Compaction compaction, AfterNight check) throws Exception {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("nightly");
        Files.createDirectories(root);
        for (int night = 1; night <= 4; night++) {
            write(root.resolve("n" + night + ".jsonl"), datedLine("https://a.example/harbor-" + night,
                    HARBOR + " Night " + night + ".", "2024-11-0" + night), "{\"url\": \"https://a.example/broken-"
                    + night + "\"}");
            NightlyJob.run(spark, new NightlyJob.Config(config("nightly", root, out, lexicon), null, null, false),
                    compaction, null);
            check.after(night);
        }
        Path full = dir.resolve("full");
        PipelineJob.run(spark, config("run", root, full, lexicon));
        assertEquals(NightlyTables.all(spark, full, "detail"), NightlyTables.all(spark, out, "detail"));
        return out;
    }

    private interface AfterNight {
        void after(int night) throws Exception;
    }

    /** Rows of a date-partitioned table as DuckDB reads it: a glob over its files, which fails when there are none. */
    private static long duckDbCount(Path table) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = c.createStatement()) {
            java.sql.ResultSet rs = st.executeQuery("SELECT count(*), count(date) FROM read_parquet('" + table
                    + "/**/*.parquet', hive_partitioning = true)");
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static java.util.Set<String> dataFileNames(Path table) throws IOException {
        try (Stream<Path> walk = Files.walk(table.toRealPath())) {
            return walk.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".parquet")).collect(java.util.stream.Collectors.toCollection(
                            java.util.TreeSet::new));
        }
    }

    private static long dataFiles(Path table) throws IOException {
        try (Stream<Path> walk = Files.walk(table.toRealPath())) {
            return walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .count();
        }
    }

    private static String datedLine(String url, String text, String day) throws IOException {
        String html = "<html><head><title>Harbor</title><script type=\"application/ld+json\">{\"@type\":"
                + "\"NewsArticle\",\"datePublished\":\"" + day + "T08:00:00Z\"}</script></head><body><article>"
                + "<h1>Harbor crane fails</h1><p>" + text + "</p></article></body></html>";
        return JSON.writeValueAsString(Map.of("url", url, "html", html, "fetched_at", day + "T20:00:00Z"));
    }

    private static final String FERRY = NightlyTables.FERRY;
    private static final String HARBOR = NightlyTables.HARBOR;
    private static final String CHOIR = NightlyTables.CHOIR;

    private static PipelineJob.Outcome nightly(Path root, Path out) throws IOException {
        return NightlyTables.nightly(spark, root, out, lexicon);
    }

    private static PipelineConfig config(String command, Path root, Path out, Lexicon lexicon) {
        return NightlyTables.config(command, root, out, lexicon);
    }

    private static String docId(Path out, String url) {
        return TableIO.read(spark, Tables.ARTICLES_UNDATED, out.resolve("articles_undated").toString())
                .filter(col("url").equalTo(url)).first().getAs("doc_id");
    }

    private static String line(String url, String title, String text, String fetchedAt) throws IOException {
        return NightlyTables.line(url, title, text, fetchedAt, null);
    }

    private static void write(Path file, String... lines) throws IOException {
        NightlyTables.write(file, lines);
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
