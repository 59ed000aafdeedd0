package io.topicpulse.report;

import io.topicpulse.jobs.TableIO;
import io.topicpulse.table.TableSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tables as {@code series} reads them today: the Parquet folders OUTPUT/&lt;table&gt; (links into the published
 * snapshot), read with their declared schema. The only class to swap when the tables move to another format.
 */
public final class PublishedTables implements TableSource {

    private final SparkSession spark;
    private final Path output;

    public PublishedTables(SparkSession spark, Path output) {
        this.spark = spark;
        this.output = output;
    }

    @Override
    public Dataset<Row> read(TableSpec table) {
        Path path = output.resolve(table.name());
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("--output " + output + ": no " + table.name()
                    + " table; run topicpulse run first");
        }
        return TableIO.read(spark, table, path.toString());
    }
}
