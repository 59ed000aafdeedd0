package io.topicpulse.jobs;

import io.topicpulse.table.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;

/**
 * Measures the driver heap a collected row of each kind a night brings to the driver holds (an article with its
 * text, a mention row, a merge record), over the tables of a real run: the figures behind the driver limits'
 * defaults ({@link OnDriver#BYTES_PER_TEXT}, {@link OnDriver#BYTES_PER_MENTION_ROW}). A main, not a test: it
 * reads a benchmark's tables and prints.
 *
 * <pre>
 * java (the --add-opens flags of jobs/topicpulse) -cp target/test-classes:target/topicpulse-0.1.0.jar:$(cat target/classpath.txt) \
 *     io.topicpulse.jobs.DriverRowSizes /tmp/nb-real/nightly-29 [rows]
 * </pre>
 */
public final class DriverRowSizes {

    private DriverRowSizes() {
    }

    public static void main(String[] args) throws Exception {
        Path tables = Path.of(args.length > 0 ? args[0] : "/tmp/nb-real/nightly-29");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        try (SparkSession spark = SparkSessions.create("driver-row-sizes", "local[2]")) {
            spark.sparkContext().setLogLevel("WARN");
            Dataset<Row> articles = TableIO.read(spark, Tables.ARTICLES, tables.resolve("articles").toString());
            Dataset<Row> mentions = TableIO.read(spark, Tables.MENTIONS, tables.resolve("mentions").toString());
            // What a merge record holds when the texts stay in Spark (NightOnDriver.merge).
            Dataset<Row> records = articles.select(col("doc_id"), col("source"), col("source_offset"),
                    col("published_date"), col("minhash"), col("fetched_at").as("first_seen"));
            measure("article with text", () -> articles.limit(rows).collectAsList());
            measure("mention row", () -> mentions.limit(rows * 20).collectAsList());
            measure("merge record", () -> records.limit(rows * 4).collectAsList());
        }
    }

    private static void measure(String kind, Supplier<List<Row>> collect) throws InterruptedException {
        // Collect once first: the classes and caches a first collect loads are not the rows' heap.
        collect.get();
        long before = heapAfterGc();
        List<Row> held = collect.get();
        long after = heapAfterGc();
        System.out.printf("%-18s %,9d rows  %,8d bytes a row%n", kind, held.size(),
                (after - before) / Math.max(1, held.size()));
        java.lang.ref.Reference.reachabilityFence(held);
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
