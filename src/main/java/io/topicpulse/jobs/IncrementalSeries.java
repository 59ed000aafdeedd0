package io.topicpulse.jobs;

import io.topicpulse.aggregate.Bucket;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

/**
 * The series tables after the articles of some days changed, recomputing only what those days can affect
 * ({@link SeriesDates}): the daily series rows of the rewritten days, term_daily of the changed days
 * ({@link #termDaily}), and the weeks and months holding them; everything else stays as it is. It reads the
 * articles of the changed days and of their weeks and months, never the whole corpus: the daily statistics of the
 * rewritten days take the counts of unchanged days from the stored series rows.
 */
final class IncrementalSeries {

    /**
     * What to stage: the rows of each table to write, and the partitions they replace ({@code null} for a table
     * rewritten whole, which weekly and monthly are).
     */
    record Result(Map<TableSpec, Dataset<Row>> tables, Map<TableSpec, Set<String>> partitions) {
    }

    /**
     * Spark configuration key: a night whose changed periods hold at most this many article and mention rows
     * together counts them on the driver; a larger one counts them in Spark. Both give the same rows. The default
     * ({@link #defaultDriverLimit}) grows with the driver's heap: a month of 1,000 pages a day is some 170,000 rows,
     * of 3,000 a day some 500,000, and counting those in Spark made a night half as long again.
     */
    static final String DRIVER_SERIES_LIMIT = "spark.topicpulse.nightly.driver-series-limit";
    /** Driver heap a row of the projection's inputs takes, collected: 200,000 rows took some 130 MB. */
    static final long BYTES_PER_ROW = 650;
    /** The least default limit, whatever the heap: what it was before it followed the heap. */
    static final long LEAST_DEFAULT_DRIVER_SERIES_LIMIT = 200_000;

    private IncrementalSeries() {
    }

    /**
     * @param articles        every dated article once the changes are in (read only on the changed days and the
     *                        weeks and months holding them)
     * @param mentions        their mentions
     * @param previous        the series tables before the changes (empty before the first run): topic_daily,
     *                        topic_by_source_daily, topic_weekly, topic_monthly
     * @param changed         days whose articles or mentions changed
     */
    static Result recompute(Dataset<Row> articles, Dataset<Row> mentions, Map<TableSpec, Dataset<Row>> previous,
                            Set<LocalDate> changed, List<String> topics, String lexiconHash) {
        SparkSession spark = articles.sparkSession();
        // A night's projection is a few hundred thousand small rows: counted on the driver, each table's counts
        // are a local relation instead of a shuffle of the projection per table. Its two sides are collected as
        // they are stored and joined here, which is quicker than Spark's join and aggregation of so few rows.
        long limit = driverLimit(spark);
        if (limit >= 0) {
            Result onDriver = onDriver(spark, OnDriver.atOnce(storedQueries(articles, mentions, previous, changed,
                    Set.of(), limit)), List.of(), List.of(), changed, topics, lexiconHash, limit);
            if (onDriver != null) {
                return onDriver;
            }
        }
        Set<LocalDate> rewritten = SeriesDates.rewritten(changed);
        Column inChanged = in("date", changed);
        Column inPeriods = in("date", SeriesDates.periodDays(changed));
        Dataset<Row> projection = AggregateStage.Inputs.projection(
                articles.filter(inPeriods).select(AggregateStage.Inputs.ARTICLE_COLUMNS),
                mentions.filter(inPeriods).select(AggregateStage.Inputs.MENTION_COLUMNS));
        AggregateStage.Inputs periods = new AggregateStage.Inputs(projection.persist(StorageLevel.MEMORY_AND_DISK()));
        // Computed once, here: the tables are then written concurrently, and each would compute the projection
        // again from the stored articles and mentions before the cache held it.
        periods.articleTopics().count();
        // The changed days lie in those periods: their rows come from the same projection, read once.
        AggregateStage.Inputs days = new AggregateStage.Inputs(periods.articleTopics().filter(inChanged));
        Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>();
        Map<TableSpec, Set<String>> partitions = new LinkedHashMap<>();
        for (TableSpec daily : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY)) {
            boolean perHost = daily == Tables.TOPIC_BY_SOURCE_DAILY;
            Dataset<Row> totals = AggregateStage.periodTotals(days, topics, Bucket.DAY, perHost)
                    .unionByName(storedContext(previous, daily, changed));
            tables.put(daily, AggregateStage.dailySeries(totals, daily, lexiconHash).filter(in("date", rewritten)));
            partitions.put(daily, SeriesDates.partitions(rewritten));
        }
        for (Bucket bucket : List.of(Bucket.WEEK, Bucket.MONTH)) {
            TableSpec table = rollupTable(bucket);
            Set<LocalDate> starts = periodStarts(bucket, changed);
            Dataset<Row> fresh = AggregateStage.rollup(AggregateStage.periodTotals(periods, topics, bucket, false),
                    bucket, lexiconHash);
            tables.put(table, keptPeriods(previous, bucket, changed).unionByName(TableIO.conform(fresh, table)
                    .filter(in(AggregateStage.startColumn(bucket), starts))));
            partitions.put(table, null);
        }
        return new Result(tables, partitions);
    }

    /** The setting {@link #DRIVER_SERIES_LIMIT}: negative when the series are always counted in Spark. */
    static long driverLimit(SparkSession spark) {
        return JobSettings.wholeNumber(spark, DRIVER_SERIES_LIMIT,
                defaultDriverLimit(Runtime.getRuntime().maxMemory()));
    }

    /**
     * Rows that fill a fifth of a driver heap of {@code maxHeapBytes} (the rest holds the night's other rows and
     * the tables staged from them), and never fewer than {@link #LEAST_DEFAULT_DRIVER_SERIES_LIMIT}: 1.3 million
     * rows with the launcher's 4 GiB, 330,000 with spark-submit's 1 GiB.
     */
    static long defaultDriverLimit(long maxHeapBytes) {
        return OnDriver.rowsFillingShare(maxHeapBytes, 5, BYTES_PER_ROW, LEAST_DEFAULT_DRIVER_SERIES_LIMIT);
    }

    /**
     * The six queries whose rows {@link #onDriver} counts the series from, to be collected at once (with other
     * small queries of a night, whose planning and scheduling they overlap): the articles and the mentions of the
     * days of the changed weeks and months ({@link AggregateStage.Inputs#ARTICLE_COLUMNS},
     * {@link AggregateStage.Inputs#MENTION_COLUMNS}; at most {@code limit} + 1 rows each), the stored daily
     * totals of the unchanged days around the changed ones, of topic_daily and topic_by_source_daily, and the
     * weekly and monthly rows kept as they are.
     *
     * @param inHand days whose articles and mentions the caller has already and passes to {@link #onDriver}: not
     *               read here
     */
    static List<Callable<List<Row>>> storedQueries(Dataset<Row> articles, Dataset<Row> mentions,
                                                   Map<TableSpec, Dataset<Row>> previous, Set<LocalDate> changed,
                                                   Set<LocalDate> inHand, long limit) {
        Set<LocalDate> read = new TreeSet<>(SeriesDates.periodDays(changed));
        read.removeAll(inHand);
        Column inRead = in("date", read);
        int cap = (int) Math.min(limit + 1, Integer.MAX_VALUE);
        Dataset<Row> periodArticles = articles.filter(inRead).select(AggregateStage.Inputs.ARTICLE_COLUMNS);
        Dataset<Row> periodMentions = mentions.filter(inRead).select(AggregateStage.Inputs.MENTION_COLUMNS);
        Dataset<Row> storedDaily = storedContext(previous, Tables.TOPIC_DAILY, changed);
        Dataset<Row> storedBySource = storedContext(previous, Tables.TOPIC_BY_SOURCE_DAILY, changed);
        Dataset<Row> keptWeeks = keptPeriods(previous, Bucket.WEEK, changed);
        Dataset<Row> keptMonths = keptPeriods(previous, Bucket.MONTH, changed);
        return List.of(
                () -> periodArticles.limit(cap).collectAsList(),
                () -> periodMentions.limit(cap).collectAsList(),
                storedDaily::collectAsList,
                storedBySource::collectAsList,
                keptWeeks::collectAsList,
                keptMonths::collectAsList);
    }

    /**
     * The series counted on the driver from the rows of {@link #storedQueries} and those in hand, and staged from
     * there with no shuffle; null when the articles and mentions are more than {@code limit} rows together.
     *
     * @param stored          what the queries of {@link #storedQueries} collected, in their order
     * @param articlesInHand  the articles of the days the queries left out
     *                        ({@link AggregateStage.Inputs#ARTICLE_COLUMNS})
     * @param mentionsInHand  their mentions ({@link AggregateStage.Inputs#MENTION_COLUMNS})
     */
    static Result onDriver(SparkSession spark, List<List<Row>> stored, List<Row> articlesInHand,
                           List<Row> mentionsInHand, Set<LocalDate> changed, List<String> topics,
                           String lexiconHash, long limit) {
        Rows rows = onDriverRows(stored, articlesInHand, mentionsInHand, changed, topics, lexiconHash, limit);
        if (rows == null) {
            return null;
        }
        Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>();
        rows.tables().forEach((table, list) -> tables.put(table, spark.createDataFrame(list, table.sparkSchema())));
        return new Result(tables, rows.partitions());
    }

    /** {@link Result} with each table's rows on the driver. */
    record Rows(Map<TableSpec, List<Row>> tables, Map<TableSpec, Set<String>> partitions) {
    }

    /** {@link #onDriver} without a Spark session: each table's rows, in its columns. */
    static Rows onDriverRows(List<List<Row>> stored, List<Row> articlesInHand, List<Row> mentionsInHand,
                             Set<LocalDate> changed, List<String> topics, String lexiconHash, long limit) {
        List<Row> articles = OnDriver.concat(stored.get(0), articlesInHand);
        List<Row> mentions = OnDriver.concat(stored.get(1), mentionsInHand);
        if (articles.size() + mentions.size() > limit) {
            return null;
        }
        List<Row> projection = AggregateStage.Inputs.projection(articles, mentions);
        Set<LocalDate> rewritten = SeriesDates.rewritten(changed);
        Map<TableSpec, List<Row>> tables = new LinkedHashMap<>();
        Map<TableSpec, Set<String>> partitions = new LinkedHashMap<>();
        for (TableSpec daily : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY)) {
            boolean perHost = daily == Tables.TOPIC_BY_SOURCE_DAILY;
            List<Row> totals = new ArrayList<>(
                    AggregateStage.periodTotals(projection, topics, Bucket.DAY, perHost, changed));
            totals.addAll(stored.get(perHost ? 3 : 2));
            tables.put(daily, SeriesRows.dailyTable(totals, daily, lexiconHash, rewritten));
            partitions.put(daily, SeriesDates.partitions(rewritten));
        }
        for (Bucket bucket : List.of(Bucket.WEEK, Bucket.MONTH)) {
            // The kept periods and the recomputed ones, all local rows.
            TableSpec table = rollupTable(bucket);
            Set<LocalDate> starts = periodStarts(bucket, changed);
            List<Row> rows = new ArrayList<>(stored.get(bucket == Bucket.WEEK ? 4 : 5));
            int start = table.sparkSchema().fieldIndex(AggregateStage.startColumn(bucket));
            for (Row counts : AggregateStage.periodTotals(projection, topics, bucket, false, starts)) {
                Row row = SeriesRows.rollup(counts, bucket, lexiconHash);
                if (starts.contains(row.getDate(start).toLocalDate())) {
                    rows.add(row);
                }
            }
            tables.put(table, rows);
            partitions.put(table, null);
        }
        return new Rows(tables, partitions);
    }

    /** The stored totals of a daily series table on the days around the changed ones that did not change. */
    private static Dataset<Row> storedContext(Map<TableSpec, Dataset<Row>> previous, TableSpec daily,
                                              Set<LocalDate> changed) {
        Column unchangedContext = in("date", SeriesDates.context(changed)).and(not(in("date", changed)));
        return AggregateStage.storedTotals(previous.get(daily).filter(unchangedContext), daily);
    }

    /** The stored weekly or monthly rows of the periods without a changed day. */
    private static Dataset<Row> keptPeriods(Map<TableSpec, Dataset<Row>> previous, Bucket bucket,
                                            Set<LocalDate> changed) {
        return previous.get(rollupTable(bucket))
                .filter(not(in(AggregateStage.startColumn(bucket), periodStarts(bucket, changed))));
    }

    static Set<LocalDate> periodStarts(Bucket bucket, Set<LocalDate> changed) {
        return bucket == Bucket.WEEK ? SeriesDates.weeks(changed) : SeriesDates.months(changed);
    }

    /**
     * term_daily rows of the changed days, which replace those days' partitions ({@link SeriesDates#partitions}):
     * they depend on the articles alone, not on mentions or the lexicon. For a night whose texts did not come to
     * the driver (a small night counts them there, with its mentions).
     */
    static Dataset<Row> termDaily(Dataset<Row> articles, Set<LocalDate> changed, int minTermCount) {
        // The changed days' articles sit in a file or two: spread over the cores, or one task tokenizes them all.
        return AggregateStage.termDaily(articles.filter(in("date", changed))
                .repartition(OnDriver.cores(articles.sparkSession())), minTermCount);
    }

    static TableSpec rollupTable(Bucket bucket) {
        return bucket == Bucket.WEEK ? Tables.TOPIC_WEEKLY : Tables.TOPIC_MONTHLY;
    }

    /** {@code column IN (days)}, false for no days. */
    static Column in(String column, Collection<LocalDate> days) {
        return col(column).isin(days.stream().map(Date::valueOf).toArray());
    }
}
