package io.topicpulse.jobs;

import io.topicpulse.table.Tables;
import io.topicpulse.topics.Lexicon;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A night run without Spark ({@link LocalNight}) publishes the tables the Spark night publishes. */
class LocalNightTest extends SparkLexiconTest {

    @Test
    void aNightWithoutSparkMakesTheTablesOfTheSparkNightAndOfAFullRun(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("dumps");
        Path first = dir.resolve("first");
        firstNight(root, first);
        secondNight(root);

        Path withoutSpark = copyOf(first, dir.resolve("without-spark"));
        Path inSpark = copyOf(first, dir.resolve("in-spark"));
        NightlyJob.Attempt attempt = LocalNight.run(tonight(root, withoutSpark, lexicon), "local[2]",
                new SparkConf(false), null);
        assertNotNull(attempt.outcome(), "a small local night runs without Spark");
        PipelineJob.Outcome spark = NightlyJob.runInSpark(LocalNightTest.spark, tonight(root, inSpark, lexicon),
                null);

        Map<String, List<String>> local = NightlyTables.all(LocalNightTest.spark, withoutSpark);
        assertEquals(NightlyTables.all(LocalNightTest.spark, inSpark), local);
        for (String stat : List.of("input_records", "articles_dated", "articles_undated", "rejects", "changed_days",
                "mentions")) {
            assertEquals(spark.stats().get(stat), attempt.outcome().stats().get(stat), stat);
        }
        assertEquals(spark.snapshot().manifest().properties(), attempt.outcome().snapshot().manifest().properties());
        assertEquals(spark.snapshot().manifest().inputs(), attempt.outcome().snapshot().manifest().inputs());

        // What the night had to do: displace a stored dated article, put a copy into a stored cluster, reject.
        List<Row> duplicates = TableIO.read(LocalNightTest.spark, Tables.REJECTS,
                withoutSpark.resolve("rejects").toString()).filter(col("reason").equalTo("duplicate")).collectAsList();
        assertEquals(1, duplicates.size());
        assertTrue(duplicates.get(0).<String>getAs("detail").startsWith("same URL, replaced by the newer text"));
        List<Row> articles = TableIO.read(LocalNightTest.spark, Tables.ARTICLES,
                withoutSpark.resolve("articles").toString()).collectAsList();
        Row harbor = byUrl(articles, "https://a.example/harbor");
        assertEquals(harbor.<String>getAs("cluster_id"), byUrl(articles, "https://b.example/wire/crane")
                .getAs("cluster_id"), "the copy joins the stored article's cluster");
        assertTrue(byUrl(articles, "https://a.example/ferry").<String>getAs("text").contains("collapsed"));
        List<Row> runs = TableIO.read(LocalNightTest.spark, Tables.RUN_STATS, withoutSpark.resolve("run_stats")
                .toString()).orderBy("started_at").collectAsList();
        assertEquals(2, runs.size());
        assertTrue(runs.get(1).<Boolean>getAs("accounting_ok"));

        Path full = dir.resolve("full");
        PipelineJob.run(LocalNightTest.spark, NightlyTables.config("run", root, full, lexicon));
        assertEquals(NightlyTables.all(LocalNightTest.spark, full), local);

        // The same night again: nothing new to read, and nothing changes.
        assertNotNull(LocalNight.run(tonight(root, withoutSpark, lexicon), "local[2]", new SparkConf(false), null)
                .outcome());
        assertEquals(local, NightlyTables.all(LocalNightTest.spark, withoutSpark));
    }

    @Test
    void aNightLargerThanTheDriversLimitsIsLeftToSparkWithTheRowsAlreadyRead(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("out");
        firstNight(root, out);
        secondNight(root);
        SparkConf oneText = new SparkConf(false).set(OnDriver.TEXT_LIMIT, "1");
        NightlyJob.Attempt attempt = LocalNight.run(tonight(root, out, lexicon), "local[2]", oneText, null);
        assertNull(attempt.outcome(), "more articles than the driver's text limit");
        assertNotNull(attempt.read(), "the rows read are handed over");
        assertTrue(attempt.read().taken());
        assertFalse(Files.exists(out.resolve("_lock")), "the lock is released for the Spark night");
        PipelineJob.Outcome outcome = NightlyJob.runInSpark(spark, tonight(root, out, lexicon), attempt.read());
        assertEquals(5L, outcome.stats().get("input_records"));
    }

    @Test
    void aNightThatIsNotTheCommonOneIsLeftToSparkUnread(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("dumps");
        Path out = dir.resolve("out");
        SparkConf conf = new SparkConf(false);
        Files.createDirectories(root);
        write(root.resolve("night-1.jsonl"), line("https://a.example/ferry", "Ferry talks resume", FERRY,
                "2024-11-01T08:00:00Z", "2024-11-01T07:00:00Z"));
        assertEquals(new NightlyJob.Attempt(null, null), LocalNight.run(tonight(root, out, lexicon), "local[2]",
                conf, null), "a first night, with no tables yet");
        NightlyJob.runInSpark(spark, tonight(root, out, lexicon), null);
        secondNight(root);
        Lexicon other = Lexicon.parse("topics:\n  ferries: { terms: [ferry, ferries] }\n", "test lexicon");
        assertEquals(new NightlyJob.Attempt(null, null), LocalNight.run(tonight(root, out, other), "local[2]", conf,
                null), "a new lexicon");
        assertEquals(new NightlyJob.Attempt(null, null), LocalNight.run(tonight(root, out, lexicon),
                "spark://cluster:7077", conf, null), "a cluster's master");
        assertEquals(new NightlyJob.Attempt(null, null), LocalNight.run(tonight(root, out, lexicon), "local[2]",
                new SparkConf(false).set(LocalNight.ENABLED, "false"), null), "switched off");
        write(root.resolve("night-1.jsonl"), line("https://a.example/ferry", "Ferry talks resume", FERRY + " More.",
                "2024-11-01T08:00:00Z", "2024-11-01T07:00:00Z"));
        assertEquals(new NightlyJob.Attempt(null, null), LocalNight.run(tonight(root, out, lexicon), "local[2]",
                conf, null), "a file read again");
    }

    /** Three articles, two dated and one undated, published as a first night (in Spark: there are no tables). */
    private static void firstNight(Path root, Path out) throws IOException {
        Files.createDirectories(root);
        write(root.resolve("night-1.jsonl"),
                line("https://a.example/ferry", "Ferry talks resume", FERRY, "2024-11-01T08:00:00Z",
                        "2024-11-01T07:00:00Z"),
                line("https://a.example/harbor", "Harbor crane fails", HARBOR, "2024-11-01T09:00:00Z",
                        "2024-11-01T06:00:00Z"),
                line("https://a.example/choir", "Choir wins prize", CHOIR, "2024-11-01T10:00:00Z", null));
        NightlyJob.runInSpark(spark, tonight(root, out, lexicon), null);
    }

    /**
     * Tonight: a newer fetch of a stored article with another text, a copy of a stored article under another URL
     * and day, a copy of the undated one, a new article on another day and a line that is not JSON.
     */
    private static void secondNight(Path root) throws IOException {
        write(root.resolve("night-2.jsonl"),
                line("https://a.example/ferry", "Ferry talks collapse", FERRY + " Late tonight the talks collapsed "
                        + "after the operators walked out of the room without a word.", "2024-11-02T08:00:00Z",
                        "2024-11-01T07:00:00Z"),
                line("https://b.example/wire/crane", "Crane failure at harbor", HARBOR.replace("Tuesday",
                        "Wednesday"), "2024-11-02T09:00:00Z", "2024-11-02T05:00:00Z"),
                line("https://b.example/wire/choir", "Choir prize", CHOIR.replace("Sunday", "Saturday"),
                        "2024-11-02T10:00:00Z", null),
                line("https://c.example/sanctions", "New sanctions announced", SANCTIONS, "2024-11-03T10:00:00Z",
                        "2024-11-03T09:00:00Z"),
                "{ not json");
    }

    private static NightlyJob.Config tonight(Path root, Path out, Lexicon lexicon) {
        return new NightlyJob.Config(NightlyTables.config("nightly", root, out, lexicon), null, null, false);
    }

    private static Row byUrl(List<Row> rows, String url) {
        return rows.stream().filter(r -> url.equals(r.getAs("url"))).findFirst().orElseThrow();
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        NightlyBenchmark.copyTree(from, to);
        return to;
    }

    private static String line(String url, String title, String text, String fetchedAt, String publishedAt)
            throws IOException {
        return NightlyTables.line(url, title, text, fetchedAt, publishedAt);
    }

    private static void write(Path file, String... lines) throws IOException {
        NightlyTables.write(file, lines);
    }

    private static final String FERRY = NightlyTables.FERRY;
    private static final String HARBOR = NightlyTables.HARBOR;
    private static final String CHOIR = NightlyTables.CHOIR;
    private static final String SANCTIONS = "The ministers agreed new sanctions on Monday against the shipping "
            + "firms that carried the cargo, and said further sanctions would follow if the ships kept sailing "
            + "under false flags through the straits.";
}
