package io.topicpulse.jobs;

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

    private NightlyTables() {
    }

    /** A nightly run over everything under {@code root}. */
    static PipelineJob.Outcome nightly(SparkSession spark, Path root, Path out, Lexicon lexicon) throws IOException {
        return NightlyJob.run(spark, new NightlyJob.Config(config("nightly", root, out, lexicon), null, null, false));
    }

    static PipelineConfig config(String command, Path root, Path out, Lexicon lexicon) {
        InputFiles.Expansion files = InputFiles.expand(new Configuration(), List.of(root.toString()));
        return new PipelineConfig(command, EnumSet.allOf(Stage.class), List.of(root.toString()), files.files(),
                files.ignored(), out, lexicon, 3, "test-" + System.nanoTime());
    }

    /** The rows as strings in sorted order, without the run_id column (which names the run, not the data). */
    static List<String> sorted(Dataset<Row> rows) {
        Dataset<Row> data = Arrays.asList(rows.columns()).contains("run_id") ? rows.drop("run_id") : rows;
        return data.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /** Every table published under {@code output} except run_stats, as {@link #sorted} rows. */
    static Map<String, List<String>> all(SparkSession spark, Path output, String... dropColumns) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (TableSpec table : Tables.ALL) {
            Path path = output.resolve(table.name());
            if (table == Tables.RUN_STATS || !Files.isDirectory(path)) {
                continue;
            }
            tables.put(table.name(), sorted(TableIO.read(spark, table, path.toString()).drop(dropColumns)));
        }
        return tables;
    }
}
