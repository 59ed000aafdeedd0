package io.topicpulse.jobs;

import io.topicpulse.aggregate.DailyPoint;
import io.topicpulse.aggregate.DailyStats;
import io.topicpulse.aggregate.SeriesStats;
import io.topicpulse.aggregate.SourceAudit;
import io.topicpulse.aggregate.Calendars;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import io.topicpulse.topics.TermCounter;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/** Articles + mentions → the series tables: daily, weekly, monthly, per source, and every term per day. */
final class AggregateStage {

    /** The series tables of one run, keyed by table. */
    record Result(Map<TableSpec, Dataset<Row>> tables) {
    }

    private AggregateStage() {
    }

    /**
     * @param articles     dated articles
     * @param mentions     their mentions
     * @param topics       every topic of the lexicon, so a topic never mentioned still has its zero series
     * @param lexiconHash  the lexicon's content hash, recorded in every series row
     * @param minTermCount the least count per day for a term_daily row
     */
    static Result run(SparkSession spark, Dataset<Row> articles, Dataset<Row> mentions, List<String> topics,
                      String lexiconHash, int minTermCount) {
        Inputs in = Inputs.of(articles, mentions);
        Map<TableSpec, Dataset<Row>> out = new LinkedHashMap<>();
        out.put(Tables.TOPIC_DAILY, dailySeries(spark, dailyTotals(spark, in, topics), Tables.TOPIC_DAILY,
                lexiconHash));
        out.put(Tables.TOPIC_WEEKLY, weekly(spark, in, topics, lexiconHash));
        out.put(Tables.TOPIC_MONTHLY, monthly(spark, in, topics, lexiconHash));
        out.put(Tables.TOPIC_BY_SOURCE_DAILY, dailySeries(spark, bySourceTotals(spark, in, topics),
                Tables.TOPIC_BY_SOURCE_DAILY, lexiconHash));
        out.put(Tables.TERM_DAILY, termDaily(spark, articles, minTermCount));
        return new Result(out);
    }

    /** The two small projections every series is built from, computed once. */
    record Inputs(Dataset<Row> docs, Dataset<Row> docTopic) {
        static Inputs of(Dataset<Row> articles, Dataset<Row> mentions) {
            Dataset<Row> docs = articles.select("doc_id", "host", "cluster_id", "date", "date_source", "token_count")
                    .persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> docTopic = mentions.groupBy("doc_id", "topic").agg(sum("count").as("doc_mentions"))
                    .join(docs, "doc_id")
                    .persist(StorageLevel.MEMORY_AND_DISK());
            return new Inputs(docs, docTopic);
        }
    }

    /**
     * The counts of topic_daily (its columns without rates, statistics and lexicon_hash, the day named
     * {@code period}) for every day with articles.
     */
    static Dataset<Row> dailyTotals(SparkSession spark, Inputs in, List<String> topics) {
        return periodTotals(spark, in.docs(), in.docTopic(), topics, col("date"), true);
    }

    /** The counts of topic_by_source_daily, shaped like {@link #dailyTotals}. */
    static Dataset<Row> bySourceTotals(SparkSession spark, Inputs in, List<String> topics) {
        return bySource(spark, in.docs(), in.docTopic(), topics);
    }

    /**
     * The counts of a daily series table's published rows, shaped like {@link #dailyTotals}: a day's counts depend
     * on that day's articles only, so stored rows of days whose articles did not change stand in for them.
     */
    static Dataset<Row> storedTotals(Dataset<Row> published, TableSpec table) {
        List<org.apache.spark.sql.Column> counts = new ArrayList<>();
        for (io.topicpulse.table.Column c : table.columns()) {
            if (!DERIVED.contains(c.name())) {
                counts.add(col(c.name()).cast(c.type()).as(c.name().equals("date") ? "period" : c.name()));
            }
        }
        return published.select(counts.toArray(org.apache.spark.sql.Column[]::new));
    }

    /** Columns of the daily series tables computed from the others by {@link #dailySeries}. */
    private static final java.util.Set<String> DERIVED = java.util.Set.of("mentions_per_million", "article_share",
            "source_share", "ma7", "zscore", "spike", "lexicon_hash");

    /** topic_daily or topic_by_source_daily rows from their counts: rates, moving average, z-score, spike. */
    static Dataset<Row> dailySeries(SparkSession spark, Dataset<Row> totals, TableSpec table, String lexiconHash) {
        List<String> groups = table.column("host").isPresent() ? List.of("host", "topic") : List.of("topic");
        // Stored and fresh counts meet here; one type per column whatever computed them.
        List<org.apache.spark.sql.Column> typed = new ArrayList<>();
        for (String name : totals.columns()) {
            typed.add(name.equals("period") ? col(name)
                    : col(name).cast(table.column(name).orElseThrow().type()).as(name));
        }
        return withSeriesStats(spark, totals.select(typed.toArray(org.apache.spark.sql.Column[]::new)), table,
                groups, lexiconHash);
    }

    /** topic_weekly over the ISO weeks of the articles (each week complete only if all its days are in). */
    static Dataset<Row> weekly(SparkSession spark, Inputs in, List<String> topics, String lexiconHash) {
        Dataset<Row> weekly = periodTotals(spark, in.docs(), in.docTopic(), topics,
                to_date(date_trunc("week", col("date"))), false)
                .withColumnRenamed("period", "week_start")
                .withColumn("week", udf((UDF1<Date, String>) d -> Calendars.isoWeekLabel(d.toLocalDate()),
                        DataTypes.StringType).apply(col("week_start")));
        return withRates(weekly, true).withColumn("lexicon_hash", lit(lexiconHash));
    }

    /** topic_monthly over the months of the articles (each month complete only if all its days are in). */
    static Dataset<Row> monthly(SparkSession spark, Inputs in, List<String> topics, String lexiconHash) {
        Dataset<Row> monthly = periodTotals(spark, in.docs(), in.docTopic(), topics, trunc(col("date"), "month"),
                false)
                .withColumnRenamed("period", "month_start")
                .withColumn("month", date_format(col("month_start"), "yyyy-MM"));
        return withRates(monthly, true).withColumn("lexicon_hash", lit(lexiconHash));
    }

    /**
     * Counts per period × topic for every period that has dated articles, zeros included, with the audit columns
     * when {@code audit} is set. The period column is named {@code period}.
     */
    private static Dataset<Row> periodTotals(SparkSession spark, Dataset<Row> docs, Dataset<Row> docTopic,
                                             List<String> topics, org.apache.spark.sql.Column period,
                                             boolean audit) {
        Dataset<Row> volume = docs.withColumn("period", period).groupBy("period")
                .agg(count(lit(1)).as("articles_total"), sum("token_count").as("tokens_total"),
                        countDistinct("host").as("sources_active"));
        Dataset<Row> topicNames = spark.createDataset(topics, org.apache.spark.sql.Encoders.STRING())
                .toDF("topic");
        Dataset<Row> withPeriod = docTopic.withColumn("period", period);
        Dataset<Row> counts = withPeriod.groupBy("period", "topic")
                .agg(sum("doc_mentions").as("mentions"), countDistinct("doc_id").as("articles_mentioning"),
                        countDistinct("host").as("sources_mentioning"),
                        countDistinct("cluster_id").as("articles_mentioning_dedup"),
                        sum(when(col("date_source").isin(SourceAudit.WEAK_DATE_SOURCES.toArray()), 1).otherwise(0)).as("weak_dated"));
        Dataset<Row> dedup = withPeriod.groupBy("period", "topic", "cluster_id")
                .agg(max("doc_mentions").as("cluster_mentions"))
                .groupBy("period", "topic").agg(sum("cluster_mentions").as("mentions_dedup"));
        Dataset<Row> topHost = withPeriod.groupBy("period", "topic", "host")
                .agg(sum("doc_mentions").as("host_mentions"))
                .groupBy("period", "topic").agg(max("host_mentions").as("top_host_mentions"));
        Dataset<Row> joined = volume.crossJoin(topicNames)
                .join(counts, new String[] {"period", "topic"}, "left")
                .join(dedup, new String[] {"period", "topic"}, "left")
                .join(topHost, new String[] {"period", "topic"}, "left");
        for (String c : List.of("mentions", "articles_mentioning", "sources_mentioning", "mentions_dedup",
                "articles_mentioning_dedup")) {
            joined = joined.withColumn(c, coalesce(col(c), lit(0L)).cast(DataTypes.LongType));
        }
        joined = joined.withColumn("tokens_total", col("tokens_total").cast(DataTypes.LongType));
        if (audit) {
            joined = joined
                    .withColumn("weak_date_share", when(col("articles_mentioning").gt(0),
                            col("weak_dated").divide(col("articles_mentioning"))))
                    .withColumn("top_source_share", when(col("mentions").gt(0),
                            col("top_host_mentions").divide(col("mentions"))));
        }
        return joined.drop("weak_dated", "top_host_mentions");
    }

    /**
     * Adds mentions_per_million, article_share and, when asked, source_share, computed from the row's own sums:
     * never an average of daily rates.
     */
    static Dataset<Row> withRates(Dataset<Row> totals, boolean withSourceShare) {
        Dataset<Row> rated = totals
                .withColumn("mentions_per_million", when(col("tokens_total").gt(0),
                        col("mentions").multiply(1_000_000.0).divide(col("tokens_total"))))
                .withColumn("article_share", when(col("articles_total").gt(0),
                        col("articles_mentioning").divide(col("articles_total"))));
        if (withSourceShare) {
            rated = rated.withColumn("source_share", when(col("sources_active").gt(0),
                    col("sources_mentioning").divide(col("sources_active"))));
        }
        return rated;
    }

    /** Adds rates, moving average, z-score and spike per group, computing each group's series in one task. */
    private static Dataset<Row> withSeriesStats(SparkSession spark, Dataset<Row> totals, TableSpec table,
                                                List<String> groupColumns, String lexiconHash) {
        Dataset<Row> base = withRates(totals.withColumnRenamed("period", "date"),
                table.column("source_share").isPresent());
        StructType statsSchema = new StructType()
                .add("date", DataTypes.DateType, false)
                .add("g", DataTypes.StringType, false)
                .add("ma7", DataTypes.DoubleType, true)
                .add("zscore", DataTypes.DoubleType, true)
                .add("spike", DataTypes.BooleanType, false);
        // In the query plan, not through an RDD: the plan stays lazy and runs when the table is written.
        Dataset<Row> statsDf = base.select(groupKey(groupColumns), col("date"), col("mentions"),
                        col("articles_mentioning"), col("articles_total"), col("tokens_total"))
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, rows) ->
                        seriesRows(key, rows).iterator(), Encoders.row(statsSchema));
        return base.withColumn("g", groupKey(groupColumns))
                .join(statsDf, new String[] {"g", "date"}, "left")
                .drop("g")
                .withColumn("spike", coalesce(col("spike"), lit(false)))
                .withColumn("lexicon_hash", lit(lexiconHash));
    }

    private static org.apache.spark.sql.Column groupKey(List<String> groupColumns) {
        org.apache.spark.sql.Column[] parts = new org.apache.spark.sql.Column[groupColumns.size() * 2 - 1];
        for (int i = 0; i < groupColumns.size(); i++) {
            if (i > 0) {
                parts[i * 2 - 1] = lit("\u0001");
            }
            parts[i * 2] = col(groupColumns.get(i));
        }
        return org.apache.spark.sql.functions.concat(parts).as("g");
    }

    private static List<Row> seriesRows(String group, java.util.Iterator<Row> rows) {
        List<DailyPoint> points = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            points.add(new DailyPoint(r.getDate(1).toLocalDate(), r.getLong(2), r.getLong(3), r.getLong(4),
                    r.getLong(5)));
        }
        List<Row> out = new ArrayList<>();
        for (DailyStats s : SeriesStats.computeDataDays(points, SeriesStats.Options.DEFAULTS)) {
            out.add(RowFactory.create(Date.valueOf(s.date()), group, s.ma7(), s.zscore(), s.spike()));
        }
        return out;
    }

    private static Dataset<Row> bySource(SparkSession spark, Dataset<Row> docs, Dataset<Row> docTopic,
                                         List<String> topics) {
        Dataset<Row> volume = docs.groupBy("host", "date")
                .agg(count(lit(1)).as("articles_total"), sum("token_count").cast(DataTypes.LongType)
                        .as("tokens_total"));
        Dataset<Row> topicNames = spark.createDataset(topics, org.apache.spark.sql.Encoders.STRING())
                .toDF("topic");
        Dataset<Row> counts = docTopic.groupBy("host", "date", "topic")
                .agg(sum("doc_mentions").as("mentions"), countDistinct("doc_id").as("articles_mentioning"),
                        countDistinct("cluster_id").as("articles_mentioning_dedup"));
        Dataset<Row> dedup = docTopic.groupBy("host", "date", "topic", "cluster_id")
                .agg(max("doc_mentions").as("cluster_mentions"))
                .groupBy("host", "date", "topic").agg(sum("cluster_mentions").as("mentions_dedup"));
        Dataset<Row> weak = docTopic.groupBy("host", "date", "topic")
                .agg(sum(when(col("date_source").isin(SourceAudit.WEAK_DATE_SOURCES.toArray()), 1).otherwise(0)).as("weak_dated"));
        Dataset<Row> joined = volume.withColumn("host", coalesce(col("host"), lit("")))
                .crossJoin(topicNames)
                .join(counts.withColumn("host", coalesce(col("host"), lit(""))),
                        new String[] {"host", "date", "topic"}, "left")
                .join(dedup.withColumn("host", coalesce(col("host"), lit(""))),
                        new String[] {"host", "date", "topic"}, "left")
                .join(weak.withColumn("host", coalesce(col("host"), lit(""))),
                        new String[] {"host", "date", "topic"}, "left");
        for (String c : List.of("mentions", "articles_mentioning", "mentions_dedup", "articles_mentioning_dedup")) {
            joined = joined.withColumn(c, coalesce(col(c), lit(0L)).cast(DataTypes.LongType));
        }
        joined = joined
                .withColumn("weak_date_share", when(col("articles_mentioning").gt(0),
                        col("weak_dated").divide(col("articles_mentioning"))))
                .drop("weak_dated")
                .withColumnRenamed("date", "period");
        return joined;
    }

    static Dataset<Row> termDaily(SparkSession spark, Dataset<Row> articles, int minTermCount) {
        JavaRDD<Row> counted = articles.select("date", "title", "text").javaRDD().mapPartitions(rows -> {
            TermCounter counter = new TermCounter();
            List<Tuple2<Tuple2<Date, String>, long[]>> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                for (Map.Entry<String, Integer> e : counter.count(r.getString(1), r.getString(2)).entrySet()) {
                    out.add(new Tuple2<>(new Tuple2<>(r.getDate(0), e.getKey()), new long[] {e.getValue(), 1}));
                }
            }
            return out.iterator();
        }).mapToPair(t -> t).reduceByKey((a, b) -> new long[] {a[0] + b[0], a[1] + b[1]})
                .filter(t -> t._2()[0] >= minTermCount)
                .map(t -> RowFactory.create(t._1()._2(), t._1()._2().indexOf(' ') < 0 ? 1 : 2, t._2()[0],
                        t._2()[1], t._1()._1()));
        return spark.createDataFrame(counted, Tables.TERM_DAILY.sparkSchema());
    }
}
