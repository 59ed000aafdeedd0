package io.topicpulse.jobs;

import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import io.topicpulse.topics.Tokenizer;
import io.topicpulse.topics.Tokens;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.when;

/**
 * A series read back from the published tables: a topic (overall or at one host) or any term, by day, week or
 * month.
 *
 * @param output the output folder (path or URI)
 * @param asOf   a run id: read every table as that run left it; null for the latest
 * @param topic  a topic name, or null when {@code term} is given
 * @param term   a word or two-word phrase, or null
 * @param period day, week or month
 * @param source a host, or null for all
 * @param from   first day, or null
 * @param until  last day, or null
 */
public record SeriesQuery(String output, String topic, String term, Period period, String source,
                          java.time.LocalDate from, java.time.LocalDate until, String asOf) {

    /** The period a series is summed over. */
    public enum Period { DAY, WEEK, MONTH }

    public Dataset<Row> run(SparkSession spark) {
        Dataset<Row> rows = topic != null ? topicSeries(spark) : termSeries(spark);
        return rows.orderBy("period_start");
    }

    private Dataset<Row> topicSeries(SparkSession spark) {
        if (source == null) {
            TableSpec table = switch (period) {
                case DAY -> Tables.TOPIC_DAILY;
                case WEEK -> Tables.TOPIC_WEEKLY;
                case MONTH -> Tables.TOPIC_MONTHLY;
            };
            String start = switch (period) {
                case DAY -> "date";
                case WEEK -> "week_start";
                case MONTH -> "month_start";
            };
            Dataset<Row> t = read(spark, table).filter(col("topic").equalTo(topic));
            t = within(t, start);
            List<String> columns = period == Period.DAY
                    ? List.of("mentions", "articles_mentioning", "articles_total", "mentions_per_million",
                    "article_share", "mentions_dedup", "ma7", "zscore", "spike")
                    : List.of("mentions", "articles_mentioning", "articles_total", "mentions_per_million",
                    "article_share", "mentions_dedup");
            return t.select(selection(start, columns));
        }
        Dataset<Row> t = within(read(spark, Tables.TOPIC_BY_SOURCE_DAILY)
                .filter(col("topic").equalTo(topic).and(col("host").equalTo(source))), "date");
        if (period == Period.DAY) {
            return t.select(selection("date", List.of("mentions", "articles_mentioning", "articles_total",
                    "mentions_per_million", "article_share", "ma7", "zscore", "spike")));
        }
        return AggregateStage.withRates(t.withColumn("period_start", periodStart()).groupBy("period_start")
                .agg(sum("mentions").as("mentions"), sum("articles_mentioning").as("articles_mentioning"),
                        sum("articles_total").as("articles_total"), sum("tokens_total").as("tokens_total")), false)
                .drop("tokens_total");
    }

    private Dataset<Row> termSeries(SparkSession spark) {
        Tokens tokens = Tokenizer.tokenize(term);
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            key.append(i == 0 ? "" : " ").append(tokens.folded(i));
        }
        Dataset<Row> terms = within(read(spark, Tables.TERM_DAILY).filter(col("term").equalTo(key.toString())),
                "date");
        // Volume per day comes from topic_daily, which has a row per day with articles for every topic.
        Dataset<Row> volume = within(read(spark, Tables.TOPIC_DAILY), "date")
                .groupBy("date").agg(org.apache.spark.sql.functions.first("articles_total").as("articles_total"),
                        org.apache.spark.sql.functions.first("tokens_total").as("tokens_total"));
        Dataset<Row> joined = volume.join(terms, new String[] {"date"}, "left")
                .withColumn("count", org.apache.spark.sql.functions.coalesce(col("count"), lit(0L)))
                .withColumn("articles", org.apache.spark.sql.functions.coalesce(col("articles"), lit(0L)))
                .withColumn("period_start", periodStart());
        return joined.groupBy("period_start").agg(sum("count").as("count"), sum("articles").as("articles"),
                        sum("articles_total").as("articles_total"), sum("tokens_total").as("tokens_total"))
                .withColumn("count_per_million", when(col("tokens_total").gt(0),
                        col("count").multiply(1_000_000.0).divide(col("tokens_total"))))
                .drop("tokens_total");
    }

    private org.apache.spark.sql.Column periodStart() {
        return switch (period) {
            case DAY -> col("date");
            case WEEK -> to_date(date_trunc("week", col("date")));
            case MONTH -> trunc(col("date"), "month");
        };
    }

    private Dataset<Row> within(Dataset<Row> rows, String dateColumn) {
        Dataset<Row> r = rows;
        if (from != null) {
            r = r.filter(col(dateColumn).geq(lit(java.sql.Date.valueOf(from))));
        }
        if (until != null) {
            r = r.filter(col(dateColumn).leq(lit(java.sql.Date.valueOf(until))));
        }
        return r;
    }

    private static org.apache.spark.sql.Column[] selection(String start, List<String> columns) {
        org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[columns.size() + 1];
        cols[0] = col(start).as("period_start");
        for (int i = 0; i < columns.size(); i++) {
            cols[i + 1] = col(columns.get(i));
        }
        return cols;
    }

    private Dataset<Row> read(SparkSession spark, TableSpec table) {
        return read(spark, output, table, asOf);
    }

    /**
     * A table of an output, as a query reads it: its latest version, or with {@code asOf} a run id, the version that
     * run left (from its run_stats row), so that every table read belongs to the same run.
     */
    public static Dataset<Row> read(SparkSession spark, String output, TableSpec table, String asOf) {
        DeltaTables tables = new DeltaTables(spark, output);
        if (!tables.exists(table)) {
            throw new IllegalArgumentException("--output " + output + ": no " + table.name()
                    + " table; run topicpulse run first");
        }
        if (asOf == null) {
            return tables.read(table);
        }
        List<Row> run = tables.read(Tables.RUN_STATS).filter(col("run_id").equalTo(asOf))
                .select(col("table_versions").getItem(table.name())).collectAsList();
        if (run.isEmpty()) {
            throw new IllegalArgumentException("--as-of " + asOf + ": no such run in " + output
                    + "/run_stats (a run counts once its run_stats row is written)");
        }
        if (run.get(0).isNullAt(0)) {
            throw new IllegalArgumentException("--as-of " + asOf + ": that run recorded no version of "
                    + table.name());
        }
        return tables.read(table, run.get(0).getLong(0));
    }

    /** The rows as CSV with a header line. */
    public static String csv(Dataset<Row> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", rows.columns())).append('\n');
        for (Row r : rows.collectAsList()) {
            for (int i = 0; i < r.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(format(r.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The rows as an aligned text table. */
    public static String table(Dataset<Row> rows) {
        List<Row> all = rows.collectAsList();
        String[] header = rows.columns();
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (Row r : all) {
                width[i] = Math.max(width[i], format(r.get(i)).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < header.length; i++) {
            sb.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", header[i]));
        }
        sb.append('\n');
        for (Row r : all) {
            for (int i = 0; i < header.length; i++) {
                String v = format(r.get(i));
                sb.append(i == 0 ? "" : "  ").append(i == 0 ? String.format("%-" + width[i] + "s", v)
                        : String.format("%" + width[i] + "s", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.4f", d);
        }
        return v.toString();
    }
}
