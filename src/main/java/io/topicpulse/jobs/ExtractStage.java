package io.topicpulse.jobs;

import io.topicpulse.ingest.InputFile;
import io.topicpulse.ingest.RejectReason;
import io.topicpulse.table.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

/** Inputs → articles, undated articles and rejects, in one pass over the input files. */
final class ExtractStage {

    /** The extract stage's tables and its accounting. */
    record Result(Dataset<Row> articles, Dataset<Row> undated, Dataset<Row> rejects, long inputRecords,
                  long articlesDated, long articlesUndated, Map<String, Long> rejectsByReason,
                  Map<String, Long> skippedRecords) {

        long rejectCount() {
            return rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        boolean accountingOk() {
            return inputRecords == articlesDated + articlesUndated + rejectCount();
        }
    }

    private ExtractStage() {
    }

    static Result run(SparkSession spark, List<InputFile> files, String runId) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(
                new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        // Big files first, one file per task: a WARC is read sequentially, so files are the unit of parallelism.
        List<InputFile> bySize = files.stream()
                .sorted((a, b) -> Long.compare(b.size(), a.size())).toList();
        int slices = Math.max(1, Math.min(bySize.size(), jsc.defaultParallelism() * 4));
        JavaRDD<Row> rows = jsc.parallelize(bySize, slices).flatMap(file -> {
            Configuration c = conf.value().value();
            return OutcomeRows.read(file, c);
        });
        Dataset<Row> outcomes = spark.createDataFrame(rows, OutcomeRows.SCHEMA)
                .persist(StorageLevel.MEMORY_AND_DISK());

        Map<String, Long> skipped = new TreeMap<>();
        long inputRecords = 0;
        Map<String, Long> rawRejects = new TreeMap<>();
        for (Row r : outcomes.groupBy("kind", "reason")
                .agg(org.apache.spark.sql.functions.count(lit(1)).as("n"),
                        org.apache.spark.sql.functions.sum("skipped_count").as("skipped"))
                .collectAsList()) {
            String kind = r.getString(0);
            if (OutcomeRows.SKIPPED.equals(kind)) {
                skipped.merge(r.getString(1), r.getLong(3), Long::sum);
            } else {
                inputRecords += r.getLong(2);
                if (OutcomeRows.REJECT.equals(kind)) {
                    rawRejects.merge(r.getString(1), r.getLong(2), Long::sum);
                }
            }
        }

        Dataset<Row> extracted = outcomes.filter(col("kind").equalTo(OutcomeRows.ARTICLE));
        // One article per doc_id. The newest fetch decides the text (an updated article replaces the old one);
        // among the records with that text the first fetched is kept, so a re-crawl is the duplicate.
        WindowSpec byDoc = Window.partitionBy("doc_id");
        WindowSpec newestFirst = byDoc.orderBy(col("fetched_at").desc_nulls_last(), col("source").desc(),
                col("source_offset").desc());
        WindowSpec keptFirst = byDoc.orderBy(col("has_newest_text").desc(), col("fetched_at").asc_nulls_last(),
                col("source"), col("source_offset"));
        Dataset<Row> ranked = extracted
                .withColumn("newest_hash", first("content_hash").over(newestFirst.rowsBetween(
                        Window.unboundedPreceding(), Window.unboundedFollowing())))
                .withColumn("has_newest_text", col("content_hash").equalTo(col("newest_hash")))
                .withColumn("rank_in_doc", row_number().over(keptFirst))
                .withColumn("kept_hash", first("content_hash").over(keptFirst.rowsBetween(
                        Window.unboundedPreceding(), Window.unboundedFollowing())))
                .withColumn("kept_from", first(concat(col("source"), lit("@"), col("source_offset"))).over(
                        keptFirst.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing())))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> kept = ranked.filter(col("rank_in_doc").equalTo(1));
        Dataset<Row> duplicates = ranked.filter(col("rank_in_doc").gt(1))
                .select(col("source"), col("source_offset"), col("url"),
                        lit(RejectReason.DUPLICATE.code()).as("reason"),
                        concat(when(col("content_hash").equalTo(col("kept_hash")), lit("same URL and text as "))
                                        .otherwise(lit("same URL, replaced by the newer text of ")),
                                col("kept_from"), lit(" (doc_id "), col("doc_id"), lit(")")).as("detail"));

        // Copies under other URLs (wire stories, mirrors) stay articles but share a cluster named after the
        // earliest published member, so series can count each story once.
        Dataset<Row> seen = kept.withColumn("first_seen", coalesce(
                unix_seconds(col("published_at")),
                unix_seconds(to_timestamp(col("published_date"))),
                unix_seconds(col("fetched_at")),
                lit(Long.MAX_VALUE)));
        Dataset<Row> articlesAll = NearDuplicates.withClusterIds(spark, seen)
                .withColumn("run_id", lit(runId))
                .withColumn("date", col("published_date"))
                .persist(StorageLevel.MEMORY_AND_DISK());

        Dataset<Row> rejects = outcomes.filter(col("kind").equalTo(OutcomeRows.REJECT))
                .select("source", "source_offset", "url", "reason", "detail")
                .unionByName(duplicates)
                .withColumn("run_id", lit(runId));

        Dataset<Row> dated = articlesAll.filter(col("published_date").isNotNull());
        Dataset<Row> undated = articlesAll.filter(col("published_date").isNull());
        long datedCount = dated.count();
        long undatedCount = undated.count();
        long duplicateCount = duplicates.count();
        Map<String, Long> rejectsByReason = new LinkedHashMap<>(rawRejects);
        if (duplicateCount > 0) {
            rejectsByReason.merge(RejectReason.DUPLICATE.code(), duplicateCount, Long::sum);
        }
        return new Result(TableIO.conform(dated, Tables.ARTICLES), TableIO.conform(undated, Tables.ARTICLES_UNDATED),
                TableIO.conform(rejects, Tables.REJECTS), inputRecords, datedCount, undatedCount, rejectsByReason,
                skipped);
    }
}
