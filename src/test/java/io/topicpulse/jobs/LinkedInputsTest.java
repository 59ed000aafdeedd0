package io.topicpulse.jobs;

import io.topicpulse.ingest.InputFiles;
import io.topicpulse.table.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input trees with cycles, linked folders and files, overlapping inputs and globs give the tables of the plain tree,
 * on a run and on a night: every real file is read once, and run_stats says which paths were skipped.
 */
@Tag("slow")
class LinkedInputsTest extends SparkLexiconTest {

    @Test
    void linksCyclesAndOverlappingInputsGiveThePlainTreesTablesOnARunAndOnANight(@TempDir Path dir)
            throws Exception {
        // The plain tree is run first; then links are added to the same tree, so both runs read the same files.
        Path linked = dir.resolve("dumps");
        copy(Path.of("sample-data/jsonl"), linked.resolve("jsonl"));
        copy(Path.of("sample-data/html/meridian-courier"), linked.resolve("html"));
        Path plainOut = dir.resolve("plain-out");
        RunDriver.run(spark, RunConfig.full(config("run", List.of(linked.toString()), plainOut)));

        Files.createDirectories(linked.resolve("loop"));
        Files.createSymbolicLink(linked.resolve("loop/parent"), Path.of(".."));                // a folder cycle
        Files.createDirectories(linked.resolve("a/b"));
        Files.createSymbolicLink(linked.resolve("a/b/up"), Path.of("../.."));                  // two levels deep
        Files.createSymbolicLink(linked.resolve("html-again"), linked.resolve("html"));        // a linked folder
        Path oneFile = linked.resolve("jsonl/northgate-post-2024-11.jsonl");
        Files.createSymbolicLink(linked.resolve("jsonl/same.jsonl"), oneFile);                 // a file beside its target
        List<String> inputs = List.of(linked.toString(), linked.resolve("jsonl").toString(),   // overlapping inputs
                linked + "/jsonl/*.jsonl*");                                                   // a glob over a folder
        Path linkedOut = dir.resolve("linked-out");
        PipelineConfig config = config("run", inputs, linkedOut);
        assertTrue(config.skippedPaths().values().stream().mapToLong(Long::longValue).sum() >= 4,
                config.skippedPaths().toString());
        RunDriver.run(spark, RunConfig.full(config));

        assertEquals(NightlyTables.all(spark, plainOut),
                NightlyTables.all(spark, linkedOut));
        Row plainStats = NightlyTables.read(spark, plainOut, Tables.RUN_STATS).first();
        Row linkedStats = NightlyTables.read(spark, linkedOut, Tables.RUN_STATS).first();
        for (String column : List.of("input_files", "input_records", "articles", "rejects")) {
            assertEquals(plainStats.<Long>getAs(column), linkedStats.<Long>getAs(column), column);
        }
        Map<String, Long> skipped = linkedStats.getJavaMap(linkedStats.fieldIndex("skipped_paths"));
        assertTrue(skipped.getOrDefault("cycle", 0L) >= 2, skipped.toString());

        // A night over the same tree, reached through new paths, finds nothing new.
        RunDriver.Outcome night = RunDriver.run(spark, RunConfig.nightly(config("nightly", inputs, linkedOut)));
        assertEquals(0, ((Number) night.stats().get("input_files")).intValue());
        RunDriver.Outcome viaLink = RunDriver.run(spark, RunConfig.nightly(config("nightly",
                List.of(linked.resolve("html-again").toString()), linkedOut)));
        assertEquals(0, ((Number) viaLink.stats().get("input_files")).intValue(), "a file is its real path");
        assertEquals(NightlyTables.all(spark, plainOut),
                NightlyTables.all(spark, linkedOut));
    }

    private PipelineConfig config(String command, List<String> inputs, Path out) {
        InputFiles.Expansion files = InputFiles.expand(new Configuration(), inputs);
        return new PipelineConfig(command, EnumSet.allOf(Stage.class), inputs, files.files(), files.ignored(),
                out.toUri().toString(), lexicon, 3, "test-" + System.nanoTime(), files.skipped().byReason());
    }

    private static void copy(Path from, Path to) throws IOException {
        NightlyTables.copy(from, to);
    }
}
