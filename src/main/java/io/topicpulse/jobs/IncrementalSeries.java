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
     * together (default {@value #DEFAULT_DRIVER_SERIES_LIMIT}, some 130 MB on the driver) counts them on the
     * driver; a larger one counts them in Spark. Both give the same rows.
     */
    static final String DRIVER_SERIES_LIMIT = "spark.topicpulse.nightly.driver-series-limit";
    static final long DEFAULT_DRIVER_SERIES_LIMIT = 200_000;

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
        Set<LocalDate> rewritten = SeriesDates.rewritten(changed);
        Column inChanged = in("date", changed);
        // Weekly and monthly rows count distinct hosts and clusters over their whole period: they need its
        // articles. Daily rows need the articles of the changed days only; the other days' counts are stored.
        Column inPeriods = in("date", SeriesDates.periodDays(changed));
        Dataset<Row> periodArticles = articles.filter(inPeriods).select(AggregateStage.Inputs.ARTICLE_COLUMNS);
        Dataset<Row> periodMentions = mentions.filter(inPeriods).select(AggregateStage.Inputs.MENTION_COLUMNS);
        // A night's projection is a few hundred thousand small rows: counted on the driver, each table's counts
        // are a local relation instead of a shuffle of the projection per table. Its two sides are collected as
        // they are stored and joined here, which is quicker than Spark's join and aggregation of so few rows.
        long limit = JobSettings.wholeNumber(spark, DRIVER_SERIES_LIMIT, DEFAULT_DRIVER_SERIES_LIMIT);
        Column unchangedContext = in("date", SeriesDates.context(changed)).and(not(inChanged));
        Map<TableSpec, Dataset<Row>> stored = new LinkedHashMap<>();
        for (TableSpec daily : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY)) {
            stored.put(daily, AggregateStage.storedTotals(previous.get(daily).filter(unchangedContext), daily));
        }
        Map<Bucket, Set<LocalDate>> periodStarts = Map.of(Bucket.WEEK, SeriesDates.weeks(changed),
                Bucket.MONTH, SeriesDates.months(changed));
        Map<Bucket, Dataset<Row>> keptPeriods = new LinkedHashMap<>();
        for (Bucket bucket : List.of(Bucket.WEEK, Bucket.MONTH)) {
            keptPeriods.put(bucket, previous.get(rollupTable(bucket))
                    .filter(not(in(AggregateStage.startColumn(bucket), periodStarts.get(bucket)))));
        }
        List<Row> onDriver = null;
        Map<TableSpec, List<Row>> storedOnDriver = new LinkedHashMap<>();
        if (limit >= 0) {
            int cap = (int) Math.min(limit + 1, Integer.MAX_VALUE);
            // Six small queries, collected at once; the stored context counts are days × topics (× hosts) rows,
            // the weeks and months kept as they are periods × topics.
            List<List<Row>> collected = OnDriver.atOnce(List.of(
                    () -> periodArticles.limit(cap).collectAsList(),
                    () -> periodMentions.limit(cap).collectAsList(),
                    () -> stored.get(Tables.TOPIC_DAILY).collectAsList(),
                    () -> stored.get(Tables.TOPIC_BY_SOURCE_DAILY).collectAsList(),
                    () -> keptPeriods.get(Bucket.WEEK).collectAsList(),
                    () -> keptPeriods.get(Bucket.MONTH).collectAsList()));
            if (collected.get(0).size() + collected.get(1).size() <= limit) {
                onDriver = AggregateStage.Inputs.projection(collected.get(0), collected.get(1));
                storedOnDriver.put(Tables.TOPIC_DAILY, collected.get(2));
                storedOnDriver.put(Tables.TOPIC_BY_SOURCE_DAILY, collected.get(3));
                storedOnDriver.put(Tables.TOPIC_WEEKLY, collected.get(4));
                storedOnDriver.put(Tables.TOPIC_MONTHLY, collected.get(5));
            }
        }
        AggregateStage.Inputs periods = null;
        AggregateStage.Inputs days = null;
        if (onDriver == null) {
            Dataset<Row> projection = AggregateStage.Inputs.projection(periodArticles, periodMentions);
            periods = new AggregateStage.Inputs(projection.persist(StorageLevel.MEMORY_AND_DISK()));
            // Computed once, here: the tables are then written concurrently, and each would compute the
            // projection again from the stored articles and mentions before the cache held it.
            periods.articleTopics().count();
            // The changed days lie in those periods: their rows come from the same projection, read once.
            days = new AggregateStage.Inputs(periods.articleTopics().filter(inChanged));
        }
        Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>();
        Map<TableSpec, Set<String>> partitions = new LinkedHashMap<>();
        for (TableSpec daily : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY)) {
            boolean perHost = daily == Tables.TOPIC_BY_SOURCE_DAILY;
            if (onDriver != null) {
                // The series are computed here and staged from the driver, with no shuffle.
                List<Row> totals = new ArrayList<>(
                        AggregateStage.periodTotals(onDriver, topics, Bucket.DAY, perHost, changed));
                totals.addAll(storedOnDriver.get(daily));
                List<Row> rows = SeriesRows.dailyTable(totals, daily, lexiconHash, rewritten);
                tables.put(daily, spark.createDataFrame(rows, daily.sparkSchema()));
            } else {
                Dataset<Row> totals = AggregateStage.periodTotals(days, topics, Bucket.DAY, perHost)
                        .unionByName(stored.get(daily));
                tables.put(daily, AggregateStage.dailySeries(totals, daily, lexiconHash)
                        .filter(in("date", rewritten)));
            }
            partitions.put(daily, SeriesDates.partitions(rewritten));
        }
        for (Bucket bucket : List.of(Bucket.WEEK, Bucket.MONTH)) {
            TableSpec table = rollupTable(bucket);
            Set<LocalDate> starts = periodStarts.get(bucket);
            if (onDriver != null) {
                // The kept periods and the recomputed ones, all local rows: staged from the driver.
                List<Row> rows = new ArrayList<>(storedOnDriver.get(table));
                int start = table.sparkSchema().fieldIndex(AggregateStage.startColumn(bucket));
                for (Row counts : AggregateStage.periodTotals(onDriver, topics, bucket, false, starts)) {
                    Row row = SeriesRows.rollup(counts, bucket, lexiconHash);
                    if (starts.contains(row.getDate(start).toLocalDate())) {
                        rows.add(row);
                    }
                }
                tables.put(table, spark.createDataFrame(rows, table.sparkSchema()));
            } else {
                Dataset<Row> fresh = AggregateStage.rollup(AggregateStage.periodTotals(periods, topics, bucket,
                        false), bucket, lexiconHash);
                tables.put(table, keptPeriods.get(bucket).unionByName(TableIO.conform(fresh, table)
                        .filter(in(AggregateStage.startColumn(bucket), starts))));
            }
            partitions.put(table, null);
        }
        return new Result(tables, partitions);
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

    private static TableSpec rollupTable(Bucket bucket) {
        return bucket == Bucket.WEEK ? Tables.TOPIC_WEEKLY : Tables.TOPIC_MONTHLY;
    }

    /** {@code column IN (days)}, false for no days. */
    static Column in(String column, Collection<LocalDate> days) {
        return col(column).isin(days.stream().map(Date::valueOf).toArray());
    }
}
