package io.topicpulse.jobs;

import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import io.topicpulse.ingest.InputFiles;
import io.topicpulse.topics.Lexicon;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.util.EnumSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads published tables back as sorted row strings, for comparing the outputs of two runs. */
final class NightlyTables {

    /** Three news stories for hand-made dumps: a ferry meeting, a harbor crane, a choir's prize. */
    static final String FERRY = "The ferry operators and the port authority met again on Tuesday to "
            + "settle the timetable for the winter months, after three weeks of silence between them. Both sides "
            + "said the meeting had been useful and that a second round would follow next week.";
    static final String HARBOR = "A container crane at the north harbor failed on Tuesday morning and "
            + "dropped its load onto an empty quay, the harbor master said. Nobody was hurt, but loading stopped "
            + "for six hours while engineers inspected the cables and the brakes of the old machine.";
    static final String CHOIR = "The children's choir of the old town won first prize at the regional "
            + "festival on Sunday with a programme of folk songs that their teacher had arranged over the summer "
            + "holidays in the school library.";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private NightlyTables() {
    }

    /**
     * A JSON Lines record of a small news page.
     *
     * @param publishedAt the page's article:published_time, or null for an undated page
     */
    static String line(String url, String title, String text, String fetchedAt, String publishedAt)
            throws IOException {
        String meta = publishedAt == null ? ""
                : "<meta property=\"article:published_time\" content=\"" + publishedAt + "\">";
        String html = "<html><head><title>" + title + "</title>" + meta + "</head><body><nav>Home World Sport</nav>"
                + "<article><h1>" + title + "</h1><p>" + text + "</p></article><footer>Copyright</footer></body>"
                + "</html>";
        return JSON.writeValueAsString(Map.of("url", url, "html", html, "fetched_at", fetchedAt));
    }

    /** Writes lines as a UTF-8 file. */
    static void write(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A nightly run over everything under {@code root}. */
    static RunDriver.Outcome nightly(SparkSession spark, Path root, Path out, Lexicon lexicon) throws IOException {
        return nightly(spark, root, out.toUri().toString(), lexicon);
    }

    /** A nightly run over everything under {@code root}, onto an output on any file system. */
    static RunDriver.Outcome nightly(SparkSession spark, Path root, String out, Lexicon lexicon) throws IOException {
        return RunDriver.run(spark, RunConfig.nightly(config("nightly", root, out, lexicon)));
    }

    /** A full run over everything under {@code root}. */
    static RunDriver.Outcome run(SparkSession spark, Path root, Path out, Lexicon lexicon) throws IOException {
        return RunDriver.run(spark, RunConfig.full(config("run", root, out.toUri().toString(), lexicon)));
    }

    static PipelineConfig config(String command, Path root, String out, Lexicon lexicon) {
        InputFiles.Expansion files = InputFiles.expand(new Configuration(), List.of(root.toString()));
        return new PipelineConfig(command, EnumSet.allOf(Stage.class), List.of(root.toString()), files.files(),
                files.ignored(), out, lexicon, 3, "test-" + System.nanoTime());
    }

    /** The rows as strings in sorted order, without the run_id column (which names the run, not the data). */
    static List<String> sorted(Dataset<Row> rows) {
        Dataset<Row> data = Arrays.asList(rows.columns()).contains("run_id") ? rows.drop("run_id") : rows;
        return data.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /** A table of {@code output}'s latest version. */
    static Dataset<Row> read(SparkSession spark, Path output, TableSpec table) {
        return new DeltaTables(spark, output.toUri().toString()).read(table);
    }

    /**
     * Every table under {@code output} except run_stats and inputs (which name runs and files, not the data), as
     * {@link #sorted} rows.
     */
    static Map<String, List<String>> all(SparkSession spark, Path output, String... dropColumns) {
        return all(spark, output.toUri().toString(), dropColumns);
    }

    /** {@link #all(SparkSession, Path, String...)} for an output on any file system. */
    static Map<String, List<String>> all(SparkSession spark, String output, String... dropColumns) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        DeltaTables delta = new DeltaTables(spark, output);
        for (TableSpec table : Tables.ALL) {
            if (table == Tables.RUN_STATS || table == Tables.INPUTS || !delta.exists(table)) {
                continue;
            }
            tables.put(table.name(), sorted(delta.read(table).drop(dropColumns)));
        }
        return tables;
    }

    /** Copies the files of a tree, with their modification times, under {@code to}. */
    static void copy(Path from, Path to) throws IOException {
        List<Path> files;
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
