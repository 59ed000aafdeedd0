package io.topicpulse.jobs;

import io.topicpulse.table.Column;
import io.topicpulse.table.TableSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.DataFrameWriter;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/** Writes and reads tables exactly in their declared shape: the columns, order and types of {@link TableSpec}. */
public final class TableIO {

    /** Caps a single Parquet file, so one busy day does not become one huge file. */
    static final long MAX_RECORDS_PER_FILE = 1_000_000;

    private TableIO() {
    }

    /** Selects and casts {@code df} into the table's declared columns; fails naming any column that is missing. */
    public static Dataset<Row> conform(Dataset<Row> df, TableSpec table) {
        List<String> present = Arrays.asList(df.columns());
        org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[table.columns().size()];
        int i = 0;
        for (Column c : table.columns()) {
            if (!present.contains(c.name())) {
                throw new IllegalStateException("table " + table.name() + ": column " + c.name()
                        + " missing from the computed rows " + present);
            }
            cols[i++] = col(c.name()).cast(c.type()).as(c.name());
        }
        return df.select(cols);
    }

    /** Writes the rows as Parquet under {@code path}, replacing what was there, partitioned as declared. */
    public static void write(Dataset<Row> df, TableSpec table, String path) {
        Dataset<Row> rows = conform(df, table);
        if (table.partitionBy() != null) {
            // One task per day: otherwise every task writes a small file into every day it holds rows of, and a
            // corpus spanning years makes thousands of tiny files (slow to write, slow to read).
            rows = rows.repartition(col(table.partitionBy()));
        }
        DataFrameWriter<Row> writer = rows.write().mode(SaveMode.Overwrite)
                .option("maxRecordsPerFile", MAX_RECORDS_PER_FILE);
        if (table.partitionBy() != null) {
            writer = writer.partitionBy(table.partitionBy());
        }
        writer.parquet(path);
    }

    /** Reads a table written by {@link #write}, with its declared schema (partition column included). */
    public static Dataset<Row> read(SparkSession spark, TableSpec table, String path) {
        Dataset<Row> df = spark.read().option("basePath", path).schema(table.sparkSchema()).parquet(path);
        return conform(df, table);
    }
}
