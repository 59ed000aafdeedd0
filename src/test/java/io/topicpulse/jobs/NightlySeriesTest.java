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
import static org.apache.spark.sql.functions.expr;
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
        IncrementalSeries.Result tonight = IncrementalSeries.recompute(all, allMentions, published, lateDays,
                TOPICS, "h");
        Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>(tonight.tables());
        Map<TableSpec, String> replaced = new LinkedHashMap<>(tonight.replaced());
        tables.put(Tables.TERM_DAILY, IncrementalSeries.termDaily(all, lateDays, 2));
        replaced.put(Tables.TERM_DAILY, io.topicpulse.table.DeltaTables.daysIn("date", lateDays));
        for (TableSpec table : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY, Tables.TERM_DAILY,
                Tables.TOPIC_WEEKLY, Tables.TOPIC_MONTHLY)) {
            Dataset<Row> staged = conform(tables.get(table), table);
            // What a Delta replaceWhere with the predicate leaves: the other rows, and the staged ones.
            Dataset<Row> after = conform(before, table).filter(not(expr(replaced.get(table)))).unionByName(staged);
            assertEquals(NightlyTables.sorted(conform(full, table)), NightlyTables.sorted(after), table.name());
        }
        assertTrue(NightlyTables.sorted(conform(before, Tables.TOPIC_DAILY)).size() > 200, "a real series");
        assertTrue(!NightlyTables.sorted(conform(before, Tables.TOPIC_DAILY))
                .equals(NightlyTables.sorted(conform(full, Tables.TOPIC_DAILY))), "the late articles matter");
    }

    private static Dataset<Row> conform(AggregateStage.Result result, TableSpec table) {
        return conform(result.tables().get(table), table);
    }

    private static Dataset<Row> conform(Dataset<Row> rows, TableSpec table) {
        return io.topicpulse.table.DeltaTables.conform(rows, table);
    }
}
