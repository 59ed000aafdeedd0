package io.topicpulse.jobs;

import io.topicpulse.aggregate.Bucket;
import io.topicpulse.aggregate.PeriodCounts;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import io.topicpulse.topics.TermCounter;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
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
    static Result run(Dataset<Row> articles, Dataset<Row> mentions, List<String> topics, String lexiconHash,
                      int minTermCount) {
        Inputs in = Inputs.of(articles, mentions);
        Map<TableSpec, Dataset<Row>> out = new LinkedHashMap<>();
        out.put(Tables.TOPIC_DAILY, dailySeries(dailyTotals(in, topics), Tables.TOPIC_DAILY,
                lexiconHash));
        out.put(Tables.TOPIC_WEEKLY, weekly(in, topics, lexiconHash));
        out.put(Tables.TOPIC_MONTHLY, monthly(in, topics, lexiconHash));
        out.put(Tables.TOPIC_BY_SOURCE_DAILY, dailySeries(bySourceTotals(in, topics),
                Tables.TOPIC_BY_SOURCE_DAILY, lexiconHash));
        out.put(Tables.TERM_DAILY, termDaily(articles, minTermCount));
        return new Result(out);
    }

    /**
     * Every series is built from one small projection, computed once: the articles' doc_id, host, cluster_id,
     * date_confidence, token_count and date, each with its mentions summed per topic (one row per article and topic
     * mentioned; one row with a null topic for an article mentioning none).
     */
    record Inputs(Dataset<Row> articleTopics) {
        static Inputs of(Dataset<Row> articles, Dataset<Row> mentions) {
            return new Inputs(projection(articles, mentions).persist(StorageLevel.MEMORY_AND_DISK()));
        }

        /** The columns of the articles that the projection keeps, in its order. */
        static final String[] ARTICLE_COLUMN_NAMES = {"doc_id", "host", "cluster_id", "date_confidence", "token_count",
            "date"};
        static final org.apache.spark.sql.Column[] ARTICLE_COLUMNS = columns(ARTICLE_COLUMN_NAMES);
        /** The columns of the mentions that the projection reads. */
        static final String[] MENTION_COLUMN_NAMES = {"doc_id", "topic", "count"};
        static final org.apache.spark.sql.Column[] MENTION_COLUMNS = columns(MENTION_COLUMN_NAMES);

        private static org.apache.spark.sql.Column[] columns(String... names) {
            return java.util.Arrays.stream(names).map(org.apache.spark.sql.functions::col)
                    .toArray(org.apache.spark.sql.Column[]::new);
        }

        /** The projection, not persisted: for a caller that reads it once. */
        static Dataset<Row> projection(Dataset<Row> articles, Dataset<Row> mentions) {
            Dataset<Row> perTopic = mentions.groupBy("doc_id", "topic").agg(sum("count").as("doc_mentions"));
            return articles.select(ARTICLE_COLUMNS)
                    .join(perTopic, new String[] {"doc_id"}, "left")
                    .select("doc_id", "host", "cluster_id", "date_confidence", "token_count", "date", "topic",
                            "doc_mentions");
        }

    }

    private static final StructType TOTALS = new StructType()
            .add("period", DataTypes.DateType, false)
            .add("topic", DataTypes.StringType, false)
            .add("articles_total", DataTypes.LongType, false)
            .add("tokens_total", DataTypes.LongType, false)
            .add("sources_active", DataTypes.LongType, false)
            .add("mentions", DataTypes.LongType, false)
            .add("articles_mentioning", DataTypes.LongType, false)
            .add("sources_mentioning", DataTypes.LongType, false)
            .add("mentions_dedup", DataTypes.LongType, false)
            .add("articles_mentioning_dedup", DataTypes.LongType, false)
            .add("weak_date_share", DataTypes.DoubleType, true)
            .add("top_source_share", DataTypes.DoubleType, true);

    private static final StructType HOST_TOTALS = new StructType()
            .add("period", DataTypes.DateType, false)
            .add("host", DataTypes.StringType, false)
            .add("topic", DataTypes.StringType, false)
            .add("articles_total", DataTypes.LongType, false)
            .add("tokens_total", DataTypes.LongType, false)
            .add("mentions", DataTypes.LongType, false)
            .add("articles_mentioning", DataTypes.LongType, false)
            .add("mentions_dedup", DataTypes.LongType, false)
            .add("articles_mentioning_dedup", DataTypes.LongType, false)
            .add("weak_date_share", DataTypes.DoubleType, true);

    /**
     * The counts of topic_daily (its columns without rates, statistics and lexicon_hash, the day named
     * {@code period}) for every day with articles.
     */
    static Dataset<Row> dailyTotals(Inputs in, List<String> topics) {
        return periodTotals(in, topics, Bucket.DAY, false);
    }

    /** The counts of topic_by_source_daily, shaped like {@link #dailyTotals}. */
    static Dataset<Row> bySourceTotals(Inputs in, List<String> topics) {
        return periodTotals(in, topics, Bucket.DAY, true);
    }

    /**
     * The counts of a daily series table's published rows, shaped like {@link #dailyTotals}: a day's counts depend
     * on that day's articles only, so stored rows of days whose articles did not change stand in for them.
     */
    static Dataset<Row> storedTotals(Dataset<Row> published, TableSpec table) {
        List<org.apache.spark.sql.Column> counts = new ArrayList<>();
        for (org.apache.spark.sql.types.StructField f : totalsSchema(SeriesRows.perHost(table)).fields()) {
            counts.add(col(f.name().equals("period") ? "date" : f.name()).cast(f.dataType()).as(f.name()));
        }
        return published.select(counts.toArray(org.apache.spark.sql.Column[]::new));
    }

    /** topic_daily or topic_by_source_daily rows from their counts: rates, moving average, z-score, spike. */
    static Dataset<Row> dailySeries(Dataset<Row> totals, TableSpec table, String lexiconHash) {
        String name = table.name();
        // Each group's series is computed in one task ({@link SeriesRows#daily}): its statistics look at the days
        // around each day. In the query plan, not through an RDD: the plan stays lazy and runs when written.
        return counts(totals, SeriesRows.perHost(table))
                .groupByKey((MapFunction<Row, String>) r -> SeriesRows.groupKey(r, Tables.byName(name)),
                        Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, rows) ->
                        SeriesRows.daily(rows, Tables.byName(name), lexiconHash).iterator(),
                        Encoders.row(table.sparkSchema()));
    }

    /** The counts in the column order of {@link #totalsSchema}, whichever union or computation gave them. */
    private static Dataset<Row> counts(Dataset<Row> totals, boolean perHost) {
        return totals.select(java.util.Arrays.stream(totalsSchema(perHost).fieldNames())
                .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
    }

    /** topic_weekly over the ISO weeks of the articles (each week complete only if all its days are in). */
    static Dataset<Row> weekly(Inputs in, List<String> topics, String lexiconHash) {
        return rollup(periodTotals(in, topics, Bucket.WEEK, false), Bucket.WEEK, lexiconHash);
    }

    /** topic_monthly over the months of the articles (each month complete only if all its days are in). */
    static Dataset<Row> monthly(Inputs in, List<String> topics, String lexiconHash) {
        return rollup(periodTotals(in, topics, Bucket.MONTH, false), Bucket.MONTH, lexiconHash);
    }

    /** topic_weekly or topic_monthly rows from their periods' counts ({@link #totalsSchema} without hosts). */
    static Dataset<Row> rollup(Dataset<Row> periodTotals, Bucket bucket, String lexiconHash) {
        TableSpec table = bucket == Bucket.WEEK ? Tables.TOPIC_WEEKLY : Tables.TOPIC_MONTHLY;
        return counts(periodTotals, false).map((MapFunction<Row, Row>) r -> SeriesRows.rollup(r, bucket, lexiconHash),
                Encoders.row(table.sparkSchema()));
    }

    /** The column of topic_weekly or topic_monthly that names a row's period by its first day. */
    static String startColumn(Bucket bucket) {
        return bucket == Bucket.WEEK ? "week_start" : "month_start";
    }

    /**
     * Counts per period × topic ({@link PeriodCounts}) for every period that has dated articles, zeros included;
     * per period × host × topic when {@code perHost}. The period column, its first day, is named {@code period}.
     */
    static Dataset<Row> periodTotals(Inputs in, List<String> topics, Bucket bucket, boolean perHost) {
        List<String> topicList = List.copyOf(topics);
        // One group per period: distinct hosts and clusters are counted over the whole period, never summed. A
        // period's articles are held by one task, about 1 KB each: a month of a million articles wants executors
        // of a few GB.
        return in.articleTopics()
                .groupByKey((MapFunction<Row, Date>) r -> Date.valueOf(bucket.start(r.getDate(5).toLocalDate())),
                        Encoders.DATE())
                .flatMapGroups((FlatMapGroupsFunction<Date, Row, Row>) (period, rows) ->
                        periodRows(period, rows, topicList, perHost).iterator(),
                        Encoders.row(perHost ? HOST_TOTALS : TOTALS));
    }

    /** The rows of {@link #periodTotals}: per period and topic, or per period, host and topic. */
    static StructType totalsSchema(boolean perHost) {
        return perHost ? HOST_TOTALS : TOTALS;
    }

    private static List<Row> periodRows(Date period, java.util.Iterator<Row> rows, List<String> topics,
                                        boolean perHost) {
        // Rows of Inputs.articleTopics: one per article and topic mentioned.
        Map<String, Row> firstRow = new LinkedHashMap<>();
        Map<String, Map<String, Long>> mentions = new java.util.HashMap<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            String docId = r.getString(0);
            firstRow.putIfAbsent(docId, r);
            Map<String, Long> byTopic = mentions.computeIfAbsent(docId, k -> new java.util.HashMap<>());
            if (!r.isNullAt(6)) {
                byTopic.merge(r.getString(6), r.isNullAt(7) ? 0L : r.getLong(7), Long::sum);
            }
        }
        Map<String, List<PeriodCounts.Article>> groups = new java.util.TreeMap<>();
        for (Map.Entry<String, Row> e : firstRow.entrySet()) {
            Row r = e.getValue();
            String host = r.getString(1);
            PeriodCounts.Article article = new PeriodCounts.Article(e.getKey(), host, r.getString(2),
                    r.isNullAt(3) ? null : ((Number) r.get(3)).doubleValue(), r.isNullAt(4) ? 0 : ((Number) r.get(4)).longValue(), mentions.get(e.getKey()));
            // topic_by_source_daily names an article without a host by the empty host.
            groups.computeIfAbsent(perHost ? (host == null ? "" : host) : "", k -> new ArrayList<>()).add(article);
        }
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, List<PeriodCounts.Article>> g : groups.entrySet()) {
            for (PeriodCounts.TopicCounts c : PeriodCounts.count(g.getValue(), topics)) {
                out.add(perHost
                        ? RowFactory.create(period, g.getKey(), c.topic(), c.articlesTotal(), c.tokensTotal(),
                                c.mentions(), c.articlesMentioning(), c.mentionsDedup(), c.articlesMentioningDedup(),
                                c.weakDateShare())
                        : RowFactory.create(period, c.topic(), c.articlesTotal(), c.tokensTotal(), c.sourcesActive(),
                                c.mentions(), c.articlesMentioning(), c.sourcesMentioning(), c.mentionsDedup(),
                                c.articlesMentioningDedup(), c.weakDateShare(), c.topSourceShare()));
            }
        }
        return out;
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

    private static final StructType TERM_COUNTS = new StructType()
            .add("date", DataTypes.DateType, false)
            .add("term", DataTypes.StringType, false)
            .add("n", DataTypes.LongType, false);

    static Dataset<Row> termDaily(Dataset<Row> articles, int minTermCount) {
        // Each article's counts stream out one term at a time and are summed by Spark's own hash aggregation,
        // which combines them before the shuffle and spills when a day's vocabulary outgrows memory.
        Dataset<Row> perArticle = articles.select("date", "title", "text")
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> termRows(rows), Encoders.row(TERM_COUNTS));
        return perArticle.groupBy("date", "term")
                .agg(sum("n").as("count"), org.apache.spark.sql.functions.count(lit(1)).as("articles"))
                .filter(col("count").geq(minTermCount))
                .withColumn("ngram", when(org.apache.spark.sql.functions.instr(col("term"), " ").gt(0), lit(2))
                        .otherwise(lit(1)))
                .select(col("term"), col("ngram"), col("count"), col("articles"), col("date"));
    }

    private static java.util.Iterator<Row> termRows(java.util.Iterator<Row> articles) {
        TermCounter counter = new TermCounter();
        return new java.util.Iterator<>() {
            private Date date;
            private java.util.Iterator<Map.Entry<String, Integer>> terms = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!terms.hasNext() && articles.hasNext()) {
                    Row r = articles.next();
                    date = r.getDate(0);
                    terms = counter.count(r.getString(1), r.getString(2)).entrySet().iterator();
                }
                return terms.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Map.Entry<String, Integer> e = terms.next();
                return RowFactory.create(date, e.getKey(), (long) e.getValue());
            }
        };
    }
}
