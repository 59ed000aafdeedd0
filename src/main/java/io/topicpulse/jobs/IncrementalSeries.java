package io.topicpulse.jobs;

import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
 * ({@link SeriesDates}): the daily series rows of the rewritten days, term_daily of the changed days, and the
 * weeks and months holding them; everything else stays as it is. It reads the articles of the changed days and
 * of their weeks and months, never the whole corpus: the daily statistics of the rewritten days take the counts
 * of unchanged days from the stored series rows.
 */
final class IncrementalSeries {

    /**
     * What to stage: the rows of each table to write, and the partitions they replace ({@code null} for a table
     * rewritten whole, which weekly and monthly are).
     */
    record Result(Map<TableSpec, Dataset<Row>> tables, Map<TableSpec, Set<String>> partitions) {
    }

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
                            Set<LocalDate> changed, List<String> topics, String lexiconHash, int minTermCount) {
        Set<LocalDate> rewritten = SeriesDates.rewritten(changed);
        Column inChanged = in("date", changed);
        // Weekly and monthly rows count distinct hosts and clusters over their whole period: they need its
        // articles. Daily rows need the articles of the changed days only; the other days' counts are stored.
        Column inPeriods = in("date", SeriesDates.periodDays(changed));
        AggregateStage.Inputs periods = AggregateStage.Inputs.of(articles.filter(inPeriods),
                mentions.filter(inPeriods));
        // Computed once, here: the five tables are then written concurrently, and each would compute the
        // projection again from the stored articles and mentions before the cache held it.
        periods.articleTopics().count();
        // The changed days lie in those periods: their rows come from the same projection, read once.
        AggregateStage.Inputs days = new AggregateStage.Inputs(periods.articleTopics().filter(inChanged));
        Column unchangedContext = in("date", SeriesDates.context(changed)).and(not(inChanged));
        Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>();
        Map<TableSpec, Set<String>> partitions = new LinkedHashMap<>();
        for (TableSpec daily : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY)) {
            Dataset<Row> fresh = daily == Tables.TOPIC_DAILY ? AggregateStage.dailyTotals(days, topics)
                    : AggregateStage.bySourceTotals(days, topics);
            Dataset<Row> totals = fresh.unionByName(AggregateStage.storedTotals(
                    previous.get(daily).filter(unchangedContext), daily));
            tables.put(daily, AggregateStage.dailySeries(totals, daily, lexiconHash)
                    .filter(in("date", rewritten)));
            partitions.put(daily, SeriesDates.partitions(rewritten));
        }
        tables.put(Tables.TERM_DAILY, AggregateStage.termDaily(articles.filter(inChanged), minTermCount));
        partitions.put(Tables.TERM_DAILY, SeriesDates.partitions(changed));
        Column weeks = in("week_start", SeriesDates.weeks(changed));
        tables.put(Tables.TOPIC_WEEKLY, previous.get(Tables.TOPIC_WEEKLY).filter(not(weeks))
                .unionByName(TableIO.conform(AggregateStage.weekly(periods, topics, lexiconHash),
                        Tables.TOPIC_WEEKLY).filter(weeks)));
        partitions.put(Tables.TOPIC_WEEKLY, null);
        Column months = in("month_start", SeriesDates.months(changed));
        tables.put(Tables.TOPIC_MONTHLY, previous.get(Tables.TOPIC_MONTHLY).filter(not(months))
                .unionByName(TableIO.conform(AggregateStage.monthly(periods, topics, lexiconHash),
                        Tables.TOPIC_MONTHLY).filter(months)));
        partitions.put(Tables.TOPIC_MONTHLY, null);
        return new Result(tables, partitions);
    }

    /** {@code column IN (days)}, false for no days. */
    static Column in(String column, Collection<LocalDate> days) {
        return col(column).isin(days.stream().map(Date::valueOf).toArray());
    }
}
