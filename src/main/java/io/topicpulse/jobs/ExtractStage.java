package io.topicpulse.jobs;

import io.topicpulse.extract.meta.DateConfidence;
import io.topicpulse.ingest.InputFile;
import io.topicpulse.ingest.PageReaders;
import io.topicpulse.ingest.RejectReason;
import io.topicpulse.progress.ProgressListener;
import io.topicpulse.table.DeltaTables;
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
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/** Inputs → articles, undated articles and rejects, in one pass over the input files. */
final class ExtractStage {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExtractStage.class);

    /**
     * The extract stage's tables and its accounting.
     *
     * @param earlier what tonight's records did to the stored articles, or null for a run without them
     * @param days    publication days of the articles
     * @param recordsBySource input records (articles and rejects) per input file, for the inputs table
     */
    record Result(Dataset<Row> articles, Dataset<Row> undated, Dataset<Row> rejects, long inputRecords,
                  long articlesDated, long articlesUndated, Map<String, Long> rejectsByReason,
                  Map<String, Long> skippedRecords, Map<String, Long> readWarnings, Rivalry earlier,
                  Set<LocalDate> days, Map<String, Long> recordsBySource) {

        long rejectCount() {
            return rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        boolean accountingOk() {
            return inputRecords == articlesDated + articlesUndated + rejectCount();
        }
    }

    /**
     * What tonight's records did to the stored articles they were merged with.
     *
     * @param displaced      stored articles replaced by a new record of their doc_id: doc_id, published_date
     * @param reclustered    stored articles whose near-duplicate cluster changed: doc_id, cluster_id (the new one),
     *                       published_date
     * @param displacedCount how many were displaced (their duplicate rejects are among the result's rejects, but
     *                       not in its counts)
     */
    record Rivalry(Dataset<Row> displaced, Dataset<Row> reclustered, long displacedCount) {
    }

    /**
     * Spark configuration key: "true" (the default) reads a JSON Lines file in stripes, one task per core, when there
     * are fewer input files than cores, as on a night with one day's dump; "false" reads every file in one task.
     * Each stripe decompresses and scans the whole file and parses only its own lines, so stripes pay only with a
     * core free: on a quiet 2-core machine a 1,000-page night's extract and merge took 5.3 to 5.9 s in two stripes
     * against 7.9 to 8.0 s in one; on the busy shared machine, where the second core was rarely free, extraction
     * took 6.6 to 7.3 s in two stripes against 3.9 s in one. A read error only one stripe meets is retried, and
     * reported by that stripe if the retry fails too ({@link PageReaders#open(Configuration, InputFile, int, int)}).
     */
    static final String STRIPES = "spark.topicpulse.extract.stripes";
    /**
     * What the input records came to, counted in the job that extracts them (or, for a night read by the
     * driver, from the rows in hand).
     *
     * @param articleRecords records that became articles, before duplicates are sorted out
     */
    record Tally(long inputRecords, long articleRecords, Map<String, Long> rawRejects, Map<String, Long> skipped,
                 Map<String, Long> warnings) {

        static Tally of(Dataset<Row> outcomes) {
            Counter counter = new Counter();
            for (Row r : outcomes.groupBy("kind", "reason")
                    .agg(count(lit(1)).as("n"), sum("skipped_count").as("skipped"))
                    .collectAsList()) {
                counter.add(r.getString(0), r.getString(1), r.getLong(2), r.isNullAt(3) ? 0 : r.getLong(3));
            }
            return counter.tally();
        }

        /** Sums outcome rows, or groups of them of one kind and reason. */
        private static final class Counter {
            private final Map<String, Long> skipped = new TreeMap<>();
            private final Map<String, Long> warnings = new TreeMap<>();
            private final Map<String, Long> rawRejects = new TreeMap<>();
            private long inputRecords;
            private long articleRecords;

            void add(String kind, String reason, long rows, long skippedCount) {
                if (OutcomeRows.SKIPPED.equals(kind)) {
                    skipped.merge(reason, skippedCount, Long::sum);
                } else if (OutcomeRows.WARNING.equals(kind)) {
                    warnings.merge(reason, skippedCount, Long::sum);
                } else {
                    inputRecords += rows;
                    if (OutcomeRows.REJECT.equals(kind)) {
                        rawRejects.merge(reason, rows, Long::sum);
                    } else {
                        articleRecords += rows;
                    }
                }
            }

            Tally tally() {
                return new Tally(inputRecords, articleRecords, rawRejects, skipped, warnings);
            }
        }

        /** The reject counts with the duplicates found among the articles, by reason in alphabetical order. */
        Map<String, Long> rejectsWith(long duplicates) {
            Map<String, Long> rejectsByReason = new TreeMap<>(rawRejects);
            if (duplicates > 0) {
                rejectsByReason.merge(RejectReason.DUPLICATE.code(), duplicates, Long::sum);
            }
            return rejectsByReason;
        }
    }

    /** Records {@code stripe}, {@code stripe + stripes}, … of an input file: what one task reads. */
    record Slice(InputFile file, int stripe, int stripes) implements Serializable {
        /** Its share of the file's bytes: the shares of a file's stripes add up to its size exactly. */
        long bytes() {
            return file.size() / stripes + (stripe < file.size() % stripes ? 1 : 0);
        }
    }

    private ExtractStage() {
    }

    static Result run(SparkSession spark, List<InputFile> files, String runId) {
        return run(spark, files, runId, null);
    }

    /**
     * @param earlier articles already in the tables, or null: same-doc_id records compete with them as within a
     *                run, and copies of them join their near-duplicate clusters; the result's articles hold only
     *                tonight's winners
     */
    static Result run(SparkSession spark, List<InputFile> files, String runId, StoredArticles earlier) {
        return run(spark, files, runId, earlier, DateConfidence.DEFAULT_FLOOR);
    }

    /**
     * @param minDateConfidence the floor below which an article is left undated
     *                          ({@link io.topicpulse.extract.PageProcessor})
     */
    static Result run(SparkSession spark, List<InputFile> files, String runId, StoredArticles earlier,
                      double minDateConfidence) {
        return run(spark, files, runId, earlier, minDateConfidence, null);
    }

    /** @param progress the run's progress lines, fed by the tasks as they read (null: none) */
    static Result run(SparkSession spark, List<InputFile> files, String runId, StoredArticles earlier,
                      double minDateConfidence, ProgressListener progress) {
        Dataset<Row> outcomes = outcomes(spark, files, minDateConfidence, progress);
        Tally tally = Tally.of(outcomes);
        Dataset<Row> extracted = outcomes.filter(col("kind").equalTo(OutcomeRows.ARTICLE))
                .select(articleColumns());
        // Records are ranked on their keys alone: the texts are never shuffled or cached a second time.
        Dataset<Row> records = extracted.select(RANK_COLUMNS).withColumn("earlier", lit(false));
        Dataset<Row> rivalClusters = null;
        if (earlier != null) {
            Dataset<Row> rivals = earlier.rivals(extracted.select("doc_id").distinct())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            // A displaced article's cluster loses a member: it is clustered again.
            rivalClusters = rivals.select("cluster_id");
            records = records.unionByName(rivals.select(RANK_COLUMNS).withColumn("earlier", lit(true)));
        }
        Dataset<Row> ranked = ranked(records).persist(StorageLevel.MEMORY_AND_DISK());
        // Tonight's records that lost are the duplicates, few beside the articles: broadcast, they leave the
        // winners where they were read.
        Dataset<Row> beaten = ranked.filter(col("rank_in_doc").gt(1).and(not(col("earlier"))))
                .select(col("source").as("beaten_source"), col("source_offset").as("beaten_offset"));
        Dataset<Row> kept = extracted.join(broadcast(beaten), col("source").eqNullSafe(col("beaten_source"))
                        .and(col("source_offset").eqNullSafe(col("beaten_offset"))), "left_anti");
        Dataset<Row> duplicates = losers(ranked).select(DUPLICATE_COLUMNS);

        // Copies under other URLs (wire stories, mirrors) stay articles but share a cluster named after the
        // earliest published member, so series can count each story once.
        Dataset<Row> seen = kept.withColumn("first_seen", firstSeen());
        Dataset<Row> clustered;
        Rivalry rivalry = null;
        long displacedCount = 0;
        if (earlier == null) {
            clustered = NearDuplicates.withClusterIds(seen);
        } else {
            Dataset<Row> displaced = ranked.filter(col("rank_in_doc").gt(1).and(col("earlier")))
                    .select("doc_id", "published_date").persist(StorageLevel.MEMORY_AND_DISK());
            displacedCount = displaced.count();
            // Only the stored articles whose cluster can change join tonight's in the pool (see clusterPool).
            Dataset<Row> affected = rivalClusters.unionByName(earlier.leaving().select("cluster_id"));
            Dataset<Row> stored = earlier.clusterPool(seen.select("minhash"), affected)
                    .join(displaced.select("doc_id"), new String[] {"doc_id"}, "left_anti");
            Dataset<Row> pool = seen.select(col("doc_id"), col("minhash"), col("first_seen"),
                            lit(null).cast("string").as("earlier_cluster"),
                            lit(null).cast("date").as("earlier_date"))
                    .unionByName(stored.select(col("doc_id"), col("minhash"), firstSeen().as("first_seen"),
                            col("cluster_id").as("earlier_cluster"), col("published_date").as("earlier_date")));
            Dataset<Row> pooled = NearDuplicates.withClusterIds(pool).drop("minhash", "first_seen")
                    .persist(StorageLevel.MEMORY_AND_DISK());
            rivalry = new Rivalry(displaced, pooled.filter(col("earlier_cluster").isNotNull()
                            .and(col("earlier_cluster").notEqual(col("cluster_id"))))
                    .select(col("doc_id"), col("cluster_id"), col("earlier_date").as("published_date"))
                    .persist(StorageLevel.MEMORY_AND_DISK()), displacedCount);
            clustered = seen.join(pooled.filter(col("earlier_cluster").isNull()).select("doc_id", "cluster_id"),
                    "doc_id");
        }
        Dataset<Row> articlesAll = clustered
                .withColumn("run_id", lit(runId))
                .withColumn("date", col("published_date"))
                .persist(StorageLevel.MEMORY_AND_DISK());

        Dataset<Row> rejects = outcomes.filter(col("kind").equalTo(OutcomeRows.REJECT))
                .select("source", "source_offset", "url", "reason", "detail")
                .unionByName(duplicates)
                .withColumn("run_id", lit(runId));

        // Counts and publication days in one job.
        long datedCount = 0;
        long undatedCount = 0;
        Set<LocalDate> days = new TreeSet<>();
        for (Row r : articlesAll.groupBy("published_date").count().collectAsList()) {
            if (r.isNullAt(0)) {
                undatedCount += r.getLong(1);
            } else {
                datedCount += r.getLong(1);
                days.add(r.getDate(0).toLocalDate());
            }
        }
        long duplicateCount = duplicates.count() - displacedCount;
        Map<String, Long> bySource = new TreeMap<>();
        for (Row r : outcomes.filter(col("kind").isin(OutcomeRows.ARTICLE, OutcomeRows.REJECT))
                .groupBy("source").count().collectAsList()) {
            bySource.put(r.getString(0), r.getLong(1));
        }
        return new Result(DeltaTables.conform(articlesAll.filter(col("published_date").isNotNull()), Tables.ARTICLES),
                DeltaTables.conform(articlesAll.filter(col("published_date").isNull()), Tables.ARTICLES_UNDATED),
                DeltaTables.conform(rejects, Tables.REJECTS), tally.inputRecords(), datedCount, undatedCount,
                tally.rejectsWith(duplicateCount), tally.skipped(), tally.warnings(), rivalry, days, bySource);
    }

    /** Every input record as an outcome row (persisted): the one pass over the inputs. */
    private static Dataset<Row> outcomes(SparkSession spark, List<InputFile> files, double minDateConfidence,
                                         ProgressListener progress) {
        // Captured as locals: the task closures must not hold the listener.
        LongAccumulator pages = progress == null ? null : progress.pages();
        LongAccumulator rejects = progress == null ? null : progress.rejects();
        LongAccumulator bytes = progress == null ? null : progress.inputBytes();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(
                new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        List<Slice> slices = slices(files, jsc.defaultParallelism(), JobSettings.flag(spark, STRIPES, true));
        JavaRDD<Row> rows = jsc.parallelize(slices, Math.max(1, Math.min(slices.size(),
                jsc.defaultParallelism() * 4))).flatMap(slice -> {
                    Configuration c = conf.value().value();
                    OutcomeRows.Reading read = OutcomeRows.read(slice.file(), slice.stripe(), slice.stripes(), c,
                            minDateConfidence);
                    return pages == null ? read : counted(read, pages, rejects, bytes, slice);
                });
        return spark.createDataFrame(rows, OutcomeRows.SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * The rows as they are, counted into the progress accumulators: the slice's bytes as its file is read (a big
     * WARC takes a task minutes, and the estimate of the stage's pages comes from bytes per page), all of them by
     * its end.
     */
    private static Iterator<Row> counted(OutcomeRows.Reading rows, LongAccumulator pages, LongAccumulator rejects,
                                         LongAccumulator bytes, Slice slice) {
        long sliceBytes = slice.bytes();
        long fileBytes = slice.file().size();
        return new Iterator<>() {
            private long added;

            @Override
            public boolean hasNext() {
                boolean more = rows.hasNext();
                if (!more) {
                    addUpTo(sliceBytes);
                }
                return more;
            }

            @Override
            public Row next() {
                Row row = rows.next();
                // A stripe reads the whole file for its share of the records: it has done the share it has read.
                addUpTo(fileBytes <= 0 ? 0 : (long) ((double) rows.bytesRead() / fileBytes * sliceBytes));
                String kind = row.getString(0);
                if (OutcomeRows.ARTICLE.equals(kind)) {
                    pages.add(1);
                } else if (OutcomeRows.REJECT.equals(kind)) {
                    pages.add(1);
                    rejects.add(1);
                }
                return row;
            }

            private void addUpTo(long total) {
                long target = Math.min(total, sliceBytes);
                if (target > added) {
                    bytes.add(target - added);
                    added = target;
                }
            }
        };
    }

    /**
     * Big files first, one file per task: a WARC is read sequentially, so files are the unit of parallelism. With
     * {@code striped} and fewer files than cores (a night's one dump), a file of one record per line is read in
     * stripes by several tasks, or one core would extract the whole night.
     */
    static List<Slice> slices(List<InputFile> files, int parallelism, boolean striped) {
        int stripes = !striped || files.isEmpty() || files.size() >= parallelism ? 1
                : (parallelism + files.size() - 1) / files.size();
        List<Slice> slices = new ArrayList<>();
        for (InputFile file : files.stream().sorted((a, b) -> Long.compare(b.size(), a.size())).toList()) {
            int n = PageReaders.canStripe(file) ? stripes : 1;
            for (int stripe = 0; stripe < n; stripe++) {
                slices.add(new Slice(file, stripe, n));
            }
        }
        return slices;
    }

    /**
     * One article per doc_id: adds rank_in_doc (1 for the record kept) and what the duplicates' rejects name. The
     * newest fetch decides the text (an updated article replaces the old one); among the records with that text
     * the first fetched is kept, so a re-crawl is the duplicate.
     */
    static Dataset<Row> ranked(Dataset<Row> records) {
        WindowSpec byDoc = Window.partitionBy("doc_id");
        WindowSpec newestFirst = byDoc.orderBy(col("fetched_at").desc_nulls_last(), col("source").desc(),
                col("source_offset").desc());
        WindowSpec keptFirst = byDoc.orderBy(col("has_newest_text").desc(), col("fetched_at").asc_nulls_last(),
                col("source"), col("source_offset"));
        return records
                .withColumn("newest_hash", first("content_hash").over(newestFirst.rowsBetween(
                        Window.unboundedPreceding(), Window.unboundedFollowing())))
                .withColumn("has_newest_text", col("content_hash").equalTo(col("newest_hash")))
                .withColumn("rank_in_doc", row_number().over(keptFirst))
                .withColumn("kept_hash", first("content_hash").over(keptFirst.rowsBetween(
                        Window.unboundedPreceding(), Window.unboundedFollowing())))
                .withColumn("kept_from", first(concat(col("source"), lit("@"), col("source_offset"))).over(
                        keptFirst.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing())));
    }

    /** The columns of a duplicate reject, as {@link #losers} gives them. */
    static final org.apache.spark.sql.Column[] DUPLICATE_COLUMNS = {col("source"), col("source_offset"), col("url"),
        col("reason"), col("detail")};

    /**
     * The records that lost the ranking: doc_id, published_date, earlier, and their duplicate reject's columns
     * ({@link #DUPLICATE_COLUMNS}).
     */
    static Dataset<Row> losers(Dataset<Row> ranked) {
        return ranked.filter(col("rank_in_doc").gt(1))
                .select(col("doc_id"), col("published_date"), col("earlier"), col("source"), col("source_offset"),
                        col("url"), lit(RejectReason.DUPLICATE.code()).as("reason"),
                        concat(when(col("content_hash").equalTo(col("kept_hash")), lit("same URL and text as "))
                                        .otherwise(lit("same URL, replaced by the newer text of ")),
                                col("kept_from"), lit(" (doc_id "), col("doc_id"), lit(")")).as("detail"));
    }

    /** Orders near-duplicate cluster members: publication instant, else day, else fetch time. */
    static org.apache.spark.sql.Column firstSeen() {
        return coalesce(
                unix_seconds(col("published_at")),
                unix_seconds(to_timestamp(col("published_date"))),
                unix_seconds(col("fetched_at")),
                lit(Long.MAX_VALUE));
    }

    /** What ranking and a duplicate's reject need of a record ({@link #ranked}, {@link #losers}). */
    private static final org.apache.spark.sql.Column[] RANK_COLUMNS = {col("doc_id"), col("url"),
        col("published_date"), col("fetched_at"), col("content_hash"), col("source"), col("source_offset")};

    static org.apache.spark.sql.Column[] articleColumns() {
        return OutcomeRows.ARTICLE_COLUMNS.stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new);
    }
}
