package io.topicpulse.jobs;

import io.topicpulse.aggregate.Bucket;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Series rows from counts, without Spark: rates from the row's own sums, statistics per group, declared column order. */
class SeriesRowsTest {

    private static final LocalDate MONDAY = LocalDate.of(2024, 11, 4);

    @Test
    void aWeeksRowCarriesItsLabelRatesAndHashInTheTablesColumnOrder() {
        Row counts = RowFactory.create(Date.valueOf(MONDAY), "axis", 40L, 200_000L, 8L, 30L, 12L, 5L, 25L, 10L,
                0.25, 0.5);
        Row row = SeriesRows.rollup(counts, Bucket.WEEK, "h1");
        assertEquals(Tables.TOPIC_WEEKLY.columns().size(), row.length());
        assertEquals(Date.valueOf(MONDAY), value(row, Tables.TOPIC_WEEKLY, "week_start"));
        assertEquals("2024-W45", value(row, Tables.TOPIC_WEEKLY, "week"));
        assertEquals(30L, value(row, Tables.TOPIC_WEEKLY, "mentions"));
        assertEquals(150.0, value(row, Tables.TOPIC_WEEKLY, "mentions_per_million"));
        assertEquals(0.3, value(row, Tables.TOPIC_WEEKLY, "article_share"));
        assertEquals(5.0 / 8.0, value(row, Tables.TOPIC_WEEKLY, "source_share"));
        assertEquals("h1", value(row, Tables.TOPIC_WEEKLY, "lexicon_hash"));
        assertThrows(IllegalArgumentException.class, () -> SeriesRows.rollup(counts, Bucket.DAY, "h1"));
    }

    @Test
    void aPeriodWithoutArticlesOrTokensHasNullRatesNotZeros() {
        Row counts = RowFactory.create(Date.valueOf(MONDAY), "axis", 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, null, null);
        Row row = SeriesRows.rollup(counts, Bucket.MONTH, "h1");
        assertEquals("2024-11", value(row, Tables.TOPIC_MONTHLY, "month"));
        assertNull(value(row, Tables.TOPIC_MONTHLY, "mentions_per_million"));
        assertNull(value(row, Tables.TOPIC_MONTHLY, "article_share"));
        assertNull(value(row, Tables.TOPIC_MONTHLY, "source_share"));
    }

    @Test
    void aDailyGroupGetsItsMovingAverageFromTheDaysAroundAndOnlyTheKeptDaysAreReturned() {
        List<Row> totals = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            // a.example: 10 mentions in 100,000 tokens a day; b.example: none.
            totals.add(hostCounts(MONDAY.plusDays(d), "a.example", 10L));
            totals.add(hostCounts(MONDAY.plusDays(d), "b.example", 0L));
        }
        TableSpec table = Tables.TOPIC_BY_SOURCE_DAILY;
        List<Row> rows = SeriesRows.dailyTable(totals, table, "h1", Set.of(MONDAY.plusDays(3), MONDAY.plusDays(6)));
        assertEquals(4, rows.size(), "two kept days of two groups");
        for (Row row : rows) {
            assertEquals(table.columns().size(), row.length());
            boolean a = value(row, table, "host").equals("a.example");
            assertEquals(a ? 100.0 : 0.0, value(row, table, "mentions_per_million"));
            LocalDate day = ((Date) value(row, table, "date")).toLocalDate();
            // The centred window of the last day sees only four days, all with data: it still has an average.
            assertEquals(a ? 100.0 : 0.0, value(row, table, "ma7"), day.toString());
            assertNull(value(row, table, "zscore"), "no 28-day baseline yet");
            assertFalse((Boolean) value(row, table, "spike"));
            assertEquals(a ? 0.5 : null, value(row, table, "weak_date_share"));
        }
        assertTrue(rows.stream().anyMatch(r -> value(r, table, "host").equals("b.example")));
    }

    private static Row hostCounts(LocalDate day, String host, long mentions) {
        long mentioning = mentions > 0 ? 2 : 0;
        return RowFactory.create(Date.valueOf(day), host, "axis", 4L, 100_000L, mentions, mentioning, mentions,
                mentioning, mentions > 0 ? 0.5 : null);
    }

    private static Object value(Row row, TableSpec table, String column) {
        return row.get(table.sparkSchema().fieldIndex(column));
    }
}
