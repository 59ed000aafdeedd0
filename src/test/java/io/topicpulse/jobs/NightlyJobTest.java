package io.topicpulse.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.Tables;
import io.topicpulse.topics.Lexicon;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
        nightly(root, out);
        copy(Path.of("sample-data/jsonl"), root.resolve("jsonl"));
        copy(Path.of("sample-data/broken"), root.resolve("broken"));
        nightly(root, out);
        Map<String, List<String>> nights = NightlyTables.all(spark, out);

        RunDriver.Outcome again = nightly(root, out);
        assertEquals(0L, again.stats().get("input_records"));
        assertEquals(nights, NightlyTables.all(spark, out), "running the same night twice changes nothing");

        Path full = dir.resolve("full");
        NightlyTables.run(spark, root, full, lexicon);
        Map<String, List<String>> once = NightlyTables.all(spark, full);
        assertTrue(once.get(Tables.ARTICLES_UNDATED.name()).size() + once.get(Tables.ARTICLES.name()).size() > 80);
        assertEquals(once, nights);
        List<Row> runs = NightlyTables.read(spark, out, Tables.RUN_STATS).orderBy("started_at").collectAsList();
        assertEquals(4, runs.size(), "one run_stats row per night");
        assertTrue(runs.stream().allMatch(r -> r.getBoolean(r.fieldIndex("accounting_ok"))));
        // Each night's mentions total, kept up to date from the rewritten partitions, is the table's sum.
        long mentions = NightlyTables.read(spark, out, Tables.MENTIONS)
                .agg(org.apache.spark.sql.functions.sum("count")).first().getLong(0);
        assertTrue(mentions > 0);
        assertEquals(mentions, runs.get(2).getLong(runs.get(2).fieldIndex("mentions")), "third night");
        assertEquals(mentions, runs.get(3).getLong(runs.get(3).fieldIndex("mentions")), "the same night again");
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
        List<Row> articles = NightlyTables.read(spark, out, Tables.ARTICLES_UNDATED).collectAsList();
        assertEquals(4, articles.size());
        Row ferry = articles.stream().filter(r -> r.getAs("url").equals("https://a.example/ferry")).findFirst()
                .orElseThrow();
        assertTrue(ferry.<String>getAs("text").contains("collapsed"), "the newer fetch's text wins");
        Row copy = articles.stream().filter(r -> r.getAs("url").equals("https://b.example/wire/crane"))
                .findFirst().orElseThrow();
        assertEquals(harborId, copy.getAs("cluster_id"), "a copy of an earlier night's article joins its cluster");
        List<Row> duplicates = NightlyTables.read(spark, out, Tables.REJECTS)
                .filter(col("reason").equalTo("duplicate")).collectAsList();
        assertEquals(1, duplicates.size());
        assertEquals(first.toUri().toString().replace("file:///", "file:/"), duplicates.get(0).getAs("source"));

        // The first dump is re-delivered with the choir story dropped and the harbor story corrected.
        write(first, line("https://a.example/ferry", "Ferry talks resume", FERRY, "2024-11-01T08:00:00Z"),
                line("https://a.example/harbor", "Harbor crane fails", HARBOR + " A spokesman later said the crane "
                        + "would be back in service within the week.", "2024-11-01T09:00:00Z"));
        RunDriver.Outcome third = nightly(root, out);
        assertEquals(1, third.stats().get("changed_files"));
        Map<String, List<String>> nights = NightlyTables.all(spark, out, "detail");
        assertFalse(nights.get(Tables.ARTICLES_UNDATED.name()).toString().contains("Choir"));

        Path full = dir.resolve("full");
        NightlyTables.run(spark, root, full, lexicon);
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
        RunDriver.Outcome outcome = NightlyTables.nightly(spark, root, out, other);
        assertEquals(true, outcome.stats().get("lexicon_changed"));
        assertEquals(0L, outcome.stats().get("input_records"));
        Row last = NightlyTables.read(spark, out, Tables.RUN_STATS).orderBy(col("finished_at").desc()).first();
        assertEquals(other.contentHash(), last.getJavaMap(last.fieldIndex("versions")).get("lexicon_hash"));
        Path full = dir.resolve("full");
        NightlyTables.run(spark, root, full, other);
        assertEquals(NightlyTables.all(spark, full), NightlyTables.all(spark, out), "mentions and series recomputed");
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
        assertEquals(0, NightlyTables.read(spark, out, Tables.ARTICLES).count(),
                "no dated article yet, but a typed table to read");

        write(root.resolve("n2.jsonl"), datedLine("https://a.example/harbor", HARBOR, "2024-11-02"));
        nightly(root, out);
        assertEquals(1, NightlyTables.read(spark, out, Tables.ARTICLES).count());
        Path full = dir.resolve("full");
        NightlyTables.run(spark, root, full, lexicon);
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
        assertEquals(1, NightlyTables.read(spark, out, Tables.ARTICLES).count());

        // Re-delivered without its date: the article moves to articles_undated and leaves no dated row.
        write(dump, line("https://a.example/harbor", "Harbor crane fails", HARBOR, "2024-11-02T20:00:00Z"));
        nightly(root, out);
        assertEquals(0, NightlyTables.read(spark, out, Tables.ARTICLES).count());
        Path full = dir.resolve("full");
        NightlyTables.run(spark, root, full, lexicon);
        assertEquals(NightlyTables.all(spark, full), NightlyTables.all(spark, out));
    }

    @Test
    void unpartitionedTablesAreCompactedOnceTheyGatherManyFiles(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("nightly");
        Files.createDirectories(root);
        DeltaTables delta = new DeltaTables(spark, out.toUri().toString());
        for (int night = 1; night <= 3; night++) {
            write(root.resolve("n" + night + ".jsonl"), datedLine("https://a.example/harbor-" + night,
                    HARBOR + " Night " + night + ".", "2024-11-0" + night), "{\"url\": \"https://a.example/broken-"
                    + night + "\"}");
            nightly(root, out);
        }
        assertTrue(delta.fileCount(Tables.REJECTS) >= 3, "a night appends a file");
        RunDriver.maintain(spark, delta, RunConfig.DEFAULT_RETAIN_HOURS, 2, java.time.Clock.systemUTC());
        assertEquals(1, delta.fileCount(Tables.REJECTS), "compacted into one file");
        assertEquals(3, delta.read(Tables.REJECTS).count(), "with every row");
        Path full = dir.resolve("full");
        NightlyTables.run(spark, root, full, lexicon);
        assertEquals(NightlyTables.all(spark, full, "detail"), NightlyTables.all(spark, out, "detail"));
    }

    @Test
    void retentionZeroLeavesOnlyTheCurrentFilesSoAGlobReadsWhatDeltaReads(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("nightly");
        Files.createDirectories(root);
        Path dump = root.resolve("n1.jsonl");
        write(dump, datedLine("https://a.example/harbor", HARBOR, "2024-11-02"));
        nightly(root, out);
        // Re-delivered with more text: the night replaces the day's partition.
        write(dump, datedLine("https://a.example/harbor", HARBOR + " The crane is back.", "2024-11-02"));
        PipelineConfig config = config("nightly", root, out, lexicon);
        RunDriver.run(spark, new RunConfig(config, true, null, null, false, RunConfig.DEFAULT_RETAIN_HOURS));
        assertEquals(2, globCount(out.resolve("articles")), "a glob also reads the replaced file");
        assertEquals(1, NightlyTables.read(spark, out, Tables.ARTICLES).count());

        write(dump, datedLine("https://a.example/harbor", HARBOR + " The crane is fixed.", "2024-11-02"));
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        RunConfig vacuumAll = new RunConfig(config("nightly", root, out, lexicon), true, null, null, false, 0);
        scala.Console$.MODULE$.withOut(console, () -> {
            try {
                return RunDriver.run(spark, vacuumAll);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(1, globCount(out.resolve("articles")), "after VACUUM with --retain-hours 0, only the current");
        assertEquals("", console.toString(java.nio.charset.StandardCharsets.UTF_8),
                "Delta's \"Deleted N files\" lines stay off the console");
    }

    /** Rows of a table as a reader that globs its Parquet files sees them. */
    private static long globCount(Path table) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = c.createStatement()) {
            java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + table
                    + "/**/*.parquet', hive_partitioning = true)");
            assertTrue(rs.next());
            return rs.getLong(1);
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

    private static RunDriver.Outcome nightly(Path root, Path out) throws IOException {
        return NightlyTables.nightly(spark, root, out, lexicon);
    }

    private static PipelineConfig config(String command, Path root, Path out, Lexicon lexicon) {
        return NightlyTables.config(command, root, out.toUri().toString(), lexicon);
    }

    private static String docId(Path out, String url) {
        return NightlyTables.read(spark, out, Tables.ARTICLES_UNDATED)
                .filter(col("url").equalTo(url)).first().getAs("doc_id");
    }

    private static String line(String url, String title, String text, String fetchedAt) throws IOException {
        return NightlyTables.line(url, title, text, fetchedAt, null);
    }

    private static void write(Path file, String... lines) throws IOException {
        NightlyTables.write(file, lines);
    }

    private static void copy(Path from, Path to) throws IOException {
        NightlyTables.copy(from, to);
    }
}
