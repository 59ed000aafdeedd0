package io.topicpulse.table;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;

/**
 * The tables of one output as path-based Delta tables ({@code OUTPUT/articles}, …): the only class that knows the
 * table format. Every write is one Delta commit that carries the run id and an idempotent-write id, so a run
 * restarted after a crash can repeat its commits without applying any twice.
 */
public final class DeltaTables {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeltaTables.class);

    /** Caps a single data file, so one busy day does not become one huge file. */
    static final long MAX_RECORDS_PER_FILE = 1_000_000;

    private final SparkSession spark;
    private final String output;

    public DeltaTables(SparkSession spark, String output) {
        this.spark = spark;
        this.output = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
    }

    /** The output folder. */
    public String root() {
        return output;
    }

    /** Where a table lives: {@code OUTPUT/NAME}. */
    public String path(TableSpec table) {
        return output + "/" + table.name();
    }

    public boolean exists(TableSpec table) {
        return DeltaTable.isDeltaTable(spark, path(table));
    }

    /** The table's latest version, empty when it does not exist yet. */
    public OptionalLong version(TableSpec table) {
        if (!exists(table)) {
            return OptionalLong.empty();
        }
        Row last = DeltaTable.forPath(spark, path(table)).history(1).select("version").first();
        return OptionalLong.of(last.getLong(0));
    }

    /** The table's latest version, in its declared shape. */
    public Dataset<Row> read(TableSpec table) {
        return conform(spark.read().format("delta").load(path(table)), table);
    }

    /** The table as of a version; an empty table of the declared shape for a version of -1 (not created yet). */
    public Dataset<Row> read(TableSpec table, long version) {
        if (version < 0) {
            return spark.createDataFrame(List.of(), table.sparkSchema());
        }
        return conform(spark.read().format("delta").option("versionAsOf", version).load(path(table)), table);
    }

    /** The table's latest version, or an empty table of its shape when it does not exist. */
    public Dataset<Row> readOrEmpty(TableSpec table) {
        return exists(table) ? read(table) : spark.createDataFrame(List.of(), table.sparkSchema());
    }

    /** Who a commit belongs to: the run, and the idempotent-write version of its commit on one table. */
    public record Commit(String runId, long txnVersion) {
        /** Delta's idempotent-write application id: one per run, so another run's commits are never skipped. */
        public String appId() {
            return "topicpulse-" + runId;
        }
    }

    /** Replaces the whole table with {@code rows} (creating it when absent). */
    public void overwrite(TableSpec table, Dataset<Row> rows, Commit commit) {
        writer(table, rows, commit).mode("overwrite").option("overwriteSchema", "false").save(path(table));
    }

    /** Replaces the rows that {@code predicate} (SQL over the table's columns) selects with {@code rows}. */
    public void replaceWhere(TableSpec table, Dataset<Row> rows, String predicate, Commit commit) {
        if (!exists(table)) {
            overwrite(table, rows, commit);
            return;
        }
        writer(table, rows, commit).mode("overwrite").option("replaceWhere", predicate).save(path(table));
    }

    /** Adds {@code rows} to the table (creating it when absent). */
    public void append(TableSpec table, Dataset<Row> rows, Commit commit) {
        writer(table, rows, commit).mode("append").save(path(table));
    }

    /** Compacts the table's small files (Delta OPTIMIZE); a no-op commit-wise when there is nothing to do. */
    public void optimize(TableSpec table) {
        DeltaTable.forPath(spark, path(table)).optimize().executeCompaction();
    }

    /** Data files the table's latest version holds. */
    public long fileCount(TableSpec table) {
        return spark.read().format("delta").load(path(table)).inputFiles().length;
    }

    /**
     * Deletes the files that no version younger than {@code retainHours} uses (Delta VACUUM). Delta takes the
     * retention from the table property {@code delta.deletedFileRetentionDuration} (default a week), so a retention
     * other than that is set there first; 0 deletes every file the latest version does not use.
     */
    public void vacuum(TableSpec table, double retainHours) {
        DeltaTable delta = DeltaTable.forPath(spark, path(table));
        if (retainHours == 0) {
            quietly(table, () -> delta.vacuum(0));
            return;
        }
        String wanted = "interval " + Math.round(retainHours * 3600) + " seconds";
        Row detail = delta.detail().select("properties").first();
        Object set = detail.getJavaMap(0).get(RETENTION);
        if (set == null ? retainHours != DEFAULT_RETAIN_HOURS : !wanted.equals(set)) {
            spark.sql("ALTER TABLE delta.`" + path(table) + "` SET TBLPROPERTIES ('" + RETENTION + "' = '"
                    + wanted + "')");
        }
        quietly(table, delta::vacuum);
    }

    /**
     * Runs a VACUUM with Scala's console, on which Delta prints "Deleted N files and directories in a total of M
     * directories." for every table, turned into a debug line of the log.
     */
    private static void quietly(TableSpec table, Runnable vacuum) {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        scala.Console$.MODULE$.withOut(printed, () -> {
            vacuum.run();
            return null;
        });
        String said = printed.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        if (!said.isEmpty()) {
            LOG.debug("vacuum {}: {}", table.name(), said);
        }
    }

    private static final String RETENTION = "delta.deletedFileRetentionDuration";
    private static final double DEFAULT_RETAIN_HOURS = 168;

    /** {@code column IN (DATE'…', …)}, for a replaceWhere; {@code false} for no days. */
    public static String daysIn(String column, Collection<LocalDate> days) {
        if (days.isEmpty()) {
            return "false";
        }
        return column + " IN (" + days.stream().sorted().map(d -> "DATE'" + d + "'")
                .collect(Collectors.joining(", ")) + ")";
    }

    /** Selects and casts {@code df} into the table's declared columns, with their descriptions as comments. */
    public static Dataset<Row> conform(Dataset<Row> df, TableSpec table) {
        List<String> present = Arrays.asList(df.columns());
        StructField[] fields = table.sparkSchema().fields();
        org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[fields.length];
        for (int i = 0; i < fields.length; i++) {
            StructField f = fields[i];
            if (!present.contains(f.name())) {
                throw new IllegalStateException("table " + table.name() + ": column " + f.name()
                        + " missing from the computed rows " + present);
            }
            cols[i] = col(f.name()).cast(f.dataType()).as(f.name(), f.metadata());
        }
        return df.select(cols);
    }

    private DataFrameWriter<Row> writer(TableSpec table, Dataset<Row> rows, Commit commit) {
        Dataset<Row> shaped = conform(rows, table);
        if (table.partitionBy() != null) {
            // One task per day: otherwise every task writes a small file into every day it holds rows of, and a
            // corpus spanning years makes thousands of tiny files.
            shaped = shaped.repartition(col(table.partitionBy()));
        }
        DataFrameWriter<Row> writer = shaped.write().format("delta")
                .option("maxRecordsPerFile", MAX_RECORDS_PER_FILE)
                .option("userMetadata", commit.runId())
                .option("txnAppId", commit.appId())
                .option("txnVersion", commit.txnVersion());
        if (table.partitionBy() != null) {
            writer = writer.partitionBy(table.partitionBy());
        }
        return writer;
    }
}
