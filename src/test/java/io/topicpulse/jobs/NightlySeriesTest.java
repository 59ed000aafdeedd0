package io.topicpulse.jobs;

import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incremental series over a late arrival equal the series computed from scratch, on generated dated articles. */
class NightlySeriesTest {

    private static final List<String> TOPICS = List.of("axis", "sanctions", "tariffs");
    private static final List<String> WORDS = List.of("border", "truce", "steel", "vote", "harbor", "market",
            "axis", "sanctions", "tariffs", "forum");
    private static final StructType ARTICLES = new StructType()
            .add("doc_id", DataTypes.StringType, false).add("host", DataTypes.StringType, true)
            .add("cluster_id", DataTypes.StringType, false).add("date", DataTypes.DateType, false)
            .add("date_confidence", DataTypes.DoubleType, true).add("token_count", DataTypes.IntegerType, false)
            .add("title", DataTypes.StringType, true).add("text", DataTypes.StringType, false);
    private static final StructType MENTIONS = new StructType()
            .add("doc_id", DataTypes.StringType, false).add("topic", DataTypes.StringType, false)
            .add("count", DataTypes.IntegerType, false).add("date", DataTypes.DateType, false);

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void countsOnTheDriverUpToAFifthOfItsHeapAndNeverFewerRowsThanBefore() {
        assertEquals(330_382, IncrementalSeries.defaultDriverLimit(1L << 30));
        assertEquals(1_321_528, IncrementalSeries.defaultDriverLimit(4L << 30));
        assertEquals(IncrementalSeries.LEAST_DEFAULT_DRIVER_SERIES_LIMIT,
                IncrementalSeries.defaultDriverLimit(256L << 20));
        assertEquals(IncrementalSeries.defaultDriverLimit(Runtime.getRuntime().maxMemory()),
                IncrementalSeries.driverLimit(spark));
        spark.conf().set(IncrementalSeries.DRIVER_SERIES_LIMIT, "1234");
        try {
            assertEquals(1234, IncrementalSeries.driverLimit(spark));
        } finally {
            spark.conf().unset(IncrementalSeries.DRIVER_SERIES_LIMIT);
        }
    }

    @Test
    void lateArrivalsUpdateTheirDaysWeeksMonthsAndTheStatsAfterThemAsAFullRecomputationWould() {
        Random random = new Random(3);
        LocalDate start = LocalDate.of(2024, 9, 2);
        List<Row> articles = new ArrayList<>();
        List<Row> mentions = new ArrayList<>();
        Set<String> late = new TreeSet<>();
        Set<LocalDate> lateDays = new TreeSet<>();
        for (int day = 0; day < 100; day++) {
            if (day % 17 == 5) {
                continue; // days without news
            }
            LocalDate date = start.plusDays(day);
            int count = 2 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                String id = "d" + day + "-" + i;
                StringBuilder text = new StringBuilder();
                int[] perTopic = new int[TOPICS.size()];
                for (int w = 0; w < 40; w++) {
                    String word = WORDS.get(random.nextInt(WORDS.size()));
                    text.append(word).append(' ');
                    int t = TOPICS.indexOf(word);
                    if (t >= 0) {
                        perTopic[t]++;
                    }
                }
                String cluster = random.nextInt(5) == 0 && i > 0 ? "d" + day + "-0" : id;
                articles.add(RowFactory.create(id, "host" + random.nextInt(3) + ".example", cluster,
                        Date.valueOf(date), random.nextBoolean() ? 0.99 : 0.6, 41, "a title",
                        text.toString()));
                for (int t = 0; t < TOPICS.size(); t++) {
                    if (perTopic[t] > 0) {
                        mentions.add(RowFactory.create(id, TOPICS.get(t), perTopic[t], Date.valueOf(date)));
                    }
                }
                // Arrives a night late: on a day in the middle, on a day early on, on the last days.
                if ((day == 40 || day == 3 || day >= 98) && i % 2 == 0) {
                    late.add(id);
                    lateDays.add(date);
                }
            }
        }
        Dataset<Row> all = spark.createDataFrame(articles, ARTICLES);
        Dataset<Row> allMentions = spark.createDataFrame(mentions, MENTIONS);
        Dataset<Row> earlier = all.filter(not(col("doc_id").isin(late.toArray())));
        Dataset<Row> earlierMentions = allMentions.filter(not(col("doc_id").isin(late.toArray())));

        AggregateStage.Result before = AggregateStage.run(earlier, earlierMentions, TOPICS, "h", 2);
        AggregateStage.Result full = AggregateStage.run(all, allMentions, TOPICS, "h", 2);
        Map<TableSpec, Dataset<Row>> published = new LinkedHashMap<>();
        for (TableSpec table : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY, Tables.TOPIC_WEEKLY,
                Tables.TOPIC_MONTHLY)) {
            published.put(table, conform(before, table));
        }
        // Counted on the driver (a night's few periods), on the driver with the changed days' rows in hand (a
        // small night, which collected them to stage them) and in Spark (a night too large for the driver).
        long limit = IncrementalSeries.LEAST_DEFAULT_DRIVER_SERIES_LIMIT;
        for (String way : List.of("driver", "driver, changed days in hand", "spark")) {
            boolean onDriver = !way.equals("spark");
            String driverLimit = onDriver ? String.valueOf(limit) : "-1";
            IncrementalSeries.Result tonight;
            if (way.endsWith("in hand")) {
                List<List<Row>> stored = OnDriver.atOnce(IncrementalSeries.storedQueries(earlier, earlierMentions,
                        published, lateDays, lateDays, limit));
                tonight = IncrementalSeries.onDriver(spark, stored,
                        all.filter(IncrementalSeries.in("date", lateDays))
                                .select(AggregateStage.Inputs.ARTICLE_COLUMNS).collectAsList(),
                        allMentions.filter(IncrementalSeries.in("date", lateDays))
                                .select(AggregateStage.Inputs.MENTION_COLUMNS).collectAsList(),
                        lateDays, TOPICS, "h", limit);
            } else {
                spark.conf().set(IncrementalSeries.DRIVER_SERIES_LIMIT, driverLimit);
                try {
                    tonight = IncrementalSeries.recompute(all, allMentions, published, lateDays, TOPICS, "h");
                } finally {
                    spark.conf().unset(IncrementalSeries.DRIVER_SERIES_LIMIT);
                }
            }
            // term_daily as a small night counts it on the driver, or as a large one in Spark.
            Dataset<Row> terms = onDriver
                    ? spark.createDataFrame(AggregateStage.termDailyRows(AggregateStage.termTotals(
                            all.filter(IncrementalSeries.in("date", lateDays)).select("date", "title", "text")
                                    .collectAsList(), 2), 2), Tables.TERM_DAILY.sparkSchema())
                    : IncrementalSeries.termDaily(all, lateDays, 2);
            for (TableSpec table : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY, Tables.TERM_DAILY)) {
                Dataset<Row> rows = table == Tables.TERM_DAILY ? terms : tonight.tables().get(table);
                assertEquals(onDriver, TableIO.onDriver(conform(rows, table)),
                        table.name() + " computed on the driver, counted: " + way);
            }
            Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>(tonight.tables());
            Map<TableSpec, Set<String>> partitions = new LinkedHashMap<>(tonight.partitions());
            tables.put(Tables.TERM_DAILY, terms);
            partitions.put(Tables.TERM_DAILY, SeriesDates.partitions(lateDays));
            for (TableSpec table : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY, Tables.TERM_DAILY,
                    Tables.TOPIC_WEEKLY, Tables.TOPIC_MONTHLY)) {
                Dataset<Row> staged = conform(tables.get(table), table);
                Set<String> replaced = partitions.get(table);
                Dataset<Row> after = replaced == null ? staged
                        : conform(before, table).filter(not(col("date").cast("string").isin(
                                replaced.stream().map(p -> p.substring(5)).toArray()))).unionByName(staged);
                assertEquals(NightlyTables.sorted(conform(full, table)), NightlyTables.sorted(after),
                        table.name() + " counted: " + way);
            }
        }
        assertTrue(NightlyTables.sorted(conform(before, Tables.TOPIC_DAILY)).size() > 200, "a real series");
        assertTrue(!NightlyTables.sorted(conform(before, Tables.TOPIC_DAILY))
                .equals(NightlyTables.sorted(conform(full, Tables.TOPIC_DAILY))), "the late articles matter");
    }

    private static Dataset<Row> conform(AggregateStage.Result result, TableSpec table) {
        return conform(result.tables().get(table), table);
    }

    private static Dataset<Row> conform(Dataset<Row> rows, TableSpec table) {
        return TableIO.conform(rows, table);
    }
}
