package io.topicpulse.jobs;

import io.topicpulse.table.Column;
import io.topicpulse.table.TableSpec;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /**
     * Writes the rows as Parquet under {@code path}, replacing what was there, partitioned as declared; a table
     * without rows is one Parquet file with its columns and no rows.
     */
    public static void write(Dataset<Row> df, TableSpec table, String path) {
        writeRows(df, table, path);
        if (table.partitionBy() != null && !hasDataFiles(df.sparkSession(), path)) {
            // A partitioned write without rows leaves no file, and a reader's glob over the table then fails:
            // one file with every column (the partition column too) and no rows reads as an empty typed table.
            df.sparkSession().createDataFrame(List.of(), table.sparkSchema()).coalesce(1).write()
                    .mode(SaveMode.Overwrite).parquet(path);
        }
    }

    /**
     * Writes the rows as {@link #write} does, but nothing when there are none: for a part of a table (some of its
     * partitions, or files added beside others), where an empty-table file would mix with the table's other files.
     */
    public static void writeRows(Dataset<Row> df, TableSpec table, String path) {
        Dataset<Row> rows = conform(df, table);
        if (LocalParquet.canWrite(rows, table) && LocalParquet.write(rows, table, path, MAX_RECORDS_PER_FILE)) {
            return;
        }
        if (table.partitionBy() != null) {
            // One task per day: otherwise every task writes a small file into every day it holds rows of, and a
            // corpus spanning years makes thousands of tiny files (slow to write, slow to read). Rows already on
            // the driver are few: one task writes them, without a shuffle.
            rows = onDriver(rows) ? rows.coalesce(1) : rows.repartition(col(table.partitionBy()));
        }
        DataFrameWriter<Row> writer = rows.write().mode(SaveMode.Overwrite)
                .option("maxRecordsPerFile", MAX_RECORDS_PER_FILE);
        if (table.partitionBy() != null) {
            writer = writer.partitionBy(table.partitionBy());
        }
        writer.parquet(path);
    }

    /** True when the rows are a local relation: made on the driver, not read or computed by tasks. */
    static boolean onDriver(Dataset<Row> rows) {
        return rows.queryExecution().optimizedPlan() instanceof LocalRelation;
    }

    /** True when a Parquet data file (not a hidden or '_' file) is anywhere under {@code path}. */
    private static boolean hasDataFiles(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(path);
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                return false;
            }
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
            while (files.hasNext()) {
                String name = files.next().getPath().getName();
                if (!name.startsWith("_") && !name.startsWith(".")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    /** Reads a table written by {@link #write}, with its declared schema (partition column included). */
    public static Dataset<Row> read(SparkSession spark, TableSpec table, String path) {
        Dataset<Row> df = spark.read().option("basePath", path).schema(table.sparkSchema()).parquet(path);
        return conform(df, table);
    }
}
