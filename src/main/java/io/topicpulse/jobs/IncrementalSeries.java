package io.topicpulse.jobs;

import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

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
 * weeks and months holding them; everything else stays as it is.
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
     * @param articles        every dated article once the changes are in
     * @param mentions        their mentions
     * @param previousWeekly  topic_weekly before the changes (empty before the first run)
     * @param previousMonthly topic_monthly before the changes
     * @param changed         days whose articles or mentions changed
     */
    static Result recompute(SparkSession spark, Dataset<Row> articles, Dataset<Row> mentions,
                            Dataset<Row> previousWeekly, Dataset<Row> previousMonthly, Set<LocalDate> changed,
                            List<String> topics, String lexiconHash, int minTermCount) {
        Set<LocalDate> rewritten = SeriesDates.rewritten(changed);
        Column inContext = in("date", SeriesDates.context(changed));
        AggregateStage.Result all = AggregateStage.run(spark, articles.filter(inContext), mentions.filter(inContext),
                topics, lexiconHash, minTermCount);
        Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>();
        Map<TableSpec, Set<String>> partitions = new LinkedHashMap<>();
        for (TableSpec daily : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY)) {
            tables.put(daily, all.tables().get(daily).filter(in("date", rewritten)));
            partitions.put(daily, SeriesDates.partitions(rewritten));
        }
        tables.put(Tables.TERM_DAILY, AggregateStage.termDaily(spark, articles.filter(in("date", changed)),
                minTermCount));
        partitions.put(Tables.TERM_DAILY, SeriesDates.partitions(changed));
        Column weeks = in("week_start", SeriesDates.weeks(changed));
        tables.put(Tables.TOPIC_WEEKLY, previousWeekly.filter(not(weeks))
                .unionByName(TableIO.conform(all.tables().get(Tables.TOPIC_WEEKLY), Tables.TOPIC_WEEKLY)
                        .filter(weeks)));
        partitions.put(Tables.TOPIC_WEEKLY, null);
        Column months = in("month_start", SeriesDates.months(changed));
        tables.put(Tables.TOPIC_MONTHLY, previousMonthly.filter(not(months))
                .unionByName(TableIO.conform(all.tables().get(Tables.TOPIC_MONTHLY), Tables.TOPIC_MONTHLY)
                        .filter(months)));
        partitions.put(Tables.TOPIC_MONTHLY, null);
        return new Result(tables, partitions);
    }

    /** {@code column IN (days)}, false for no days. */
    static Column in(String column, Collection<LocalDate> days) {
        return col(column).isin(days.stream().map(Date::valueOf).toArray());
    }
}
