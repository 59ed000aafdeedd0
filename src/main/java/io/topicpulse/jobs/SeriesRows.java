package io.topicpulse.jobs;

import io.topicpulse.aggregate.Bucket;
import io.topicpulse.aggregate.DailyPoint;
import io.topicpulse.aggregate.DailyStats;
import io.topicpulse.aggregate.SeriesStats;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Series table rows from their counts, in plain Java: rates, moving average, z-score and spike of a daily group,
 * label and rates of a week or a month. The one definition of the derived columns, called inside Spark tasks by a
 * full run and on the driver by a small night.
 *
 * <p>Counts come as rows of {@link AggregateStage#totalsSchema}; rows go out in the table's declared column order.
 */
final class SeriesRows {

    private SeriesRows() {
    }

    /**
     * The rows of one group of a daily series table (one topic of topic_daily, one host and topic of
     * topic_by_source_daily), each day with its rates and statistics. The statistics of a day look at the days
     * around it, so the group must hold every day of its context.
     */
    static List<Row> daily(Iterator<Row> totals, TableSpec table, String lexiconHash) {
        boolean perHost = perHost(table);
        Layout in = Layout.of(perHost);
        List<Row> group = new ArrayList<>();
        List<DailyPoint> points = new ArrayList<>();
        while (totals.hasNext()) {
            Row r = totals.next();
            group.add(r);
            points.add(new DailyPoint(r.getDate(in.period).toLocalDate(), in.count(r, "mentions"),
                    in.count(r, "articles_mentioning"), in.count(r, "articles_total"), in.count(r, "tokens_total")));
        }
        Map<LocalDate, DailyStats> byDate = new HashMap<>();
        for (DailyStats s : SeriesStats.computeDataDays(points, SeriesStats.Options.DEFAULTS)) {
            byDate.put(s.date(), s);
        }
        List<Row> out = new ArrayList<>(group.size());
        for (Row r : group) {
            Map<String, Object> values = counts(r, in);
            Date day = r.getDate(in.period);
            DailyStats s = byDate.get(day.toLocalDate());
            values.put("date", day);
            values.put("ma7", s == null ? null : s.ma7());
            values.put("zscore", s == null ? null : s.zscore());
            values.put("spike", s != null && s.spike());
            values.put("weak_date_share", r.get(in.index("weak_date_share")));
            if (!perHost) {
                values.put("top_source_share", r.get(in.index("top_source_share")));
            }
            values.put("lexicon_hash", lexiconHash);
            out.add(row(table, values));
        }
        return out;
    }

    /**
     * The rows of a daily series table from the counts of all its groups, as {@link #daily} gives them group by
     * group, keeping the days of {@code keep}.
     */
    static List<Row> dailyTable(Collection<Row> totals, TableSpec table, String lexiconHash, Set<LocalDate> keep) {
        Map<String, List<Row>> groups = new TreeMap<>();
        for (Row r : totals) {
            groups.computeIfAbsent(groupKey(r, table), k -> new ArrayList<>()).add(r);
        }
        int date = table.sparkSchema().fieldIndex("date");
        List<Row> out = new ArrayList<>();
        for (List<Row> group : groups.values()) {
            for (Row r : daily(group.iterator(), table, lexiconHash)) {
                if (keep.contains(r.getDate(date).toLocalDate())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** The topic_weekly or topic_monthly row of one period's counts ({@link AggregateStage#totalsSchema} without hosts). */
    static Row rollup(Row totals, Bucket bucket, String lexiconHash) {
        if (bucket == Bucket.DAY) {
            throw new IllegalArgumentException("bucket must be WEEK or MONTH; days are daily");
        }
        Layout in = Layout.of(false);
        Map<String, Object> values = counts(totals, in);
        Date start = totals.getDate(in.period);
        values.put(AggregateStage.startColumn(bucket), start);
        values.put(bucket == Bucket.WEEK ? "week" : "month", bucket.label(start.toLocalDate()));
        values.put("lexicon_hash", lexiconHash);
        return row(bucket == Bucket.WEEK ? Tables.TOPIC_WEEKLY : Tables.TOPIC_MONTHLY, values);
    }

    /** The key that groups a daily table's counts into its series: the topic, or the host and the topic. */
    static String groupKey(Row totals, TableSpec table) {
        Layout in = Layout.of(perHost(table));
        String topic = totals.getString(in.index("topic"));
        return perHost(table) ? totals.getString(in.index("host")) + '\u0001' + topic : topic;
    }

    static boolean perHost(TableSpec table) {
        return table.column("host").isPresent();
    }

    /**
     * The count columns and the rates computed from the row's own sums, never averaged:
     * mentions_per_million, article_share and, without hosts, source_share. The arithmetic is Spark's for
     * {@code mentions * 1000000.0 / tokens_total}, so either side gives the same doubles.
     */
    private static Map<String, Object> counts(Row r, Layout in) {
        Map<String, Object> values = new HashMap<>();
        for (String name : in.names) {
            if (!name.equals("period") && !name.endsWith("_share")) {
                Object v = r.get(in.index(name));
                values.put(name, v instanceof Number n && !(v instanceof Double) ? n.longValue() : v);
            }
        }
        long tokens = in.count(r, "tokens_total");
        long articles = in.count(r, "articles_total");
        values.put("mentions_per_million", tokens > 0 ? in.count(r, "mentions") * 1_000_000.0 / tokens : null);
        values.put("article_share", articles > 0
                ? (double) in.count(r, "articles_mentioning") / (double) articles : null);
        if (values.containsKey("sources_active")) {
            long sources = in.count(r, "sources_active");
            values.put("source_share", sources > 0
                    ? (double) in.count(r, "sources_mentioning") / (double) sources : null);
        }
        return values;
    }

    private static Row row(TableSpec table, Map<String, Object> values) {
        List<io.topicpulse.table.Column> columns = table.columns();
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < out.length; i++) {
            String name = columns.get(i).name();
            if (!values.containsKey(name)) {
                throw new IllegalStateException("table " + table.name() + ": no value for column " + name);
            }
            out[i] = values.get(name);
        }
        return RowFactory.create(out);
    }

    /** Column positions of the counts schema, with or without hosts, looked up once. */
    private record Layout(List<String> names, Map<String, Integer> indexes, int period) {
        private static final Layout TOTALS = build(AggregateStage.totalsSchema(false));
        private static final Layout HOST_TOTALS = build(AggregateStage.totalsSchema(true));

        static Layout of(boolean perHost) {
            return perHost ? HOST_TOTALS : TOTALS;
        }

        private static Layout build(StructType schema) {
            Map<String, Integer> indexes = new HashMap<>();
            for (String name : schema.fieldNames()) {
                indexes.put(name, schema.fieldIndex(name));
            }
            return new Layout(List.of(schema.fieldNames()), Map.copyOf(indexes), schema.fieldIndex("period"));
        }

        int index(String name) {
            Integer i = indexes.get(name);
            if (i == null) {
                throw new IllegalArgumentException("no column " + name + " in " + names);
            }
            return i;
        }

        long count(Row r, String name) {
            Object v = r.get(index(name));
            return v == null ? 0 : ((Number) v).longValue();
        }
    }
}
