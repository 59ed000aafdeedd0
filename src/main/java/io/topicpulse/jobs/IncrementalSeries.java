package io.topicpulse.jobs;

import io.topicpulse.aggregate.Bucket;
import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.sql.Date;
import java.time.LocalDate;
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

    /** The rows to write into each table, and the predicate (SQL) of the rows they replace. */
    record Result(Map<TableSpec, Dataset<Row>> tables, Map<TableSpec, String> replaced) {
    }

    private IncrementalSeries() {
    }

    /**
     * @param articles every dated article once the changes are in (read only on the changed days and the weeks and
     *                 months holding them)
     * @param mentions their mentions
     * @param previous the series tables before the changes (empty before the first run): topic_daily,
     *                 topic_by_source_daily, topic_weekly, topic_monthly
     * @param changed  days whose articles or mentions changed
     */
    static Result recompute(Dataset<Row> articles, Dataset<Row> mentions, Map<TableSpec, Dataset<Row>> previous,
                            Set<LocalDate> changed, List<String> topics, String lexiconHash) {
        Set<LocalDate> rewritten = SeriesDates.rewritten(changed);
        Column inChanged = in("date", changed);
        Column inPeriods = in("date", SeriesDates.periodDays(changed));
        Dataset<Row> projection = AggregateStage.Inputs.projection(
                articles.filter(inPeriods).select(AggregateStage.Inputs.ARTICLE_COLUMNS),
                mentions.filter(inPeriods).select(AggregateStage.Inputs.MENTION_COLUMNS));
        AggregateStage.Inputs periods = new AggregateStage.Inputs(projection.persist(StorageLevel.MEMORY_AND_DISK()));
        // The changed days lie in those periods: their rows come from the same projection, read once.
        AggregateStage.Inputs days = new AggregateStage.Inputs(periods.articleTopics().filter(inChanged));
        Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>();
        Map<TableSpec, String> replaced = new LinkedHashMap<>();
        for (TableSpec daily : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY)) {
            boolean perHost = daily == Tables.TOPIC_BY_SOURCE_DAILY;
            Dataset<Row> totals = AggregateStage.periodTotals(days, topics, Bucket.DAY, perHost)
                    .unionByName(storedContext(previous, daily, changed));
            tables.put(daily, AggregateStage.dailySeries(totals, daily, lexiconHash).filter(in("date", rewritten)));
            replaced.put(daily, DeltaTables.daysIn("date", rewritten));
        }
        for (Bucket bucket : List.of(Bucket.WEEK, Bucket.MONTH)) {
            TableSpec table = rollupTable(bucket);
            Set<LocalDate> starts = periodStarts(bucket, changed);
            Dataset<Row> fresh = AggregateStage.rollup(AggregateStage.periodTotals(periods, topics, bucket, false),
                    bucket, lexiconHash);
            String start = AggregateStage.startColumn(bucket);
            tables.put(table, DeltaTables.conform(fresh, table).filter(in(start, starts)));
            replaced.put(table, DeltaTables.daysIn(start, starts));
        }
        return new Result(tables, replaced);
    }

    /** The stored totals of a daily series table on the days around the changed ones that did not change. */
    private static Dataset<Row> storedContext(Map<TableSpec, Dataset<Row>> previous, TableSpec daily,
                                              Set<LocalDate> changed) {
        Column unchangedContext = in("date", SeriesDates.context(changed)).and(not(in("date", changed)));
        return AggregateStage.storedTotals(previous.get(daily).filter(unchangedContext), daily);
    }

    static Set<LocalDate> periodStarts(Bucket bucket, Set<LocalDate> changed) {
        return bucket == Bucket.WEEK ? SeriesDates.weeks(changed) : SeriesDates.months(changed);
    }

    /** term_daily rows of the changed days: they depend on the articles alone, not on mentions or the lexicon. */
    static Dataset<Row> termDaily(Dataset<Row> articles, Set<LocalDate> changed, int minTermCount) {
        // The changed days' articles sit in a file or two: spread over the cores, or one task tokenizes them all.
        return AggregateStage.termDaily(articles.filter(in("date", changed))
                .repartition(articles.sparkSession().sparkContext().defaultParallelism()), minTermCount);
    }

    static TableSpec rollupTable(Bucket bucket) {
        return bucket == Bucket.WEEK ? Tables.TOPIC_WEEKLY : Tables.TOPIC_MONTHLY;
    }

    /** {@code column IN (days)}, false for no days. */
    static Column in(String column, Collection<LocalDate> days) {
        return col(column).isin(days.stream().map(Date::valueOf).toArray());
    }
}
