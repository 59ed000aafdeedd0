package io.topicpulse.jobs;

import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

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
