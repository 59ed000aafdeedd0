package io.topicpulse.report;

import io.topicpulse.jobs.SeriesQuery;
import io.topicpulse.table.TableSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The Delta tables of an output at their latest versions, read as {@code series} reads them. */
public final class PublishedTables implements TableSource {

    private final SparkSession spark;
    private final String output;

    public PublishedTables(SparkSession spark, String output) {
        this.spark = spark;
        this.output = output;
    }

    @Override
    public Dataset<Row> read(TableSpec table) {
        return SeriesQuery.read(spark, output, table, null);
    }
}
