package io.topicpulse.aggregate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RollupTest {

    @Test
    void monthlyRollupRecomputesPerMillionAndShareFromTheSums() {
        List<DailyPoint> days = List.of(
                // 9 mentions in 999,000 tokens: 9.009 per million; 5 of 50 articles
                new DailyPoint(LocalDate.of(2024, 11, 29), 9, 5, 50, 999_000),
                // 1 mention in 1,000 tokens: 1,000 per million; 1 of 2 articles
                new DailyPoint(LocalDate.of(2024, 11, 30), 1, 1, 2, 1_000),
                new DailyPoint(LocalDate.of(2024, 12, 1), 5, 4, 40, 1_000_000));
        List<PeriodPoint> months = Rollup.rollup(days, Bucket.MONTH);

        assertEquals(2, months.size());
        PeriodPoint nov = months.get(0);
        assertEquals(LocalDate.of(2024, 11, 1), nov.start());
        assertEquals("2024-11", nov.label());
        assertEquals(2, nov.daysWithData());
        assertEquals(10, nov.mentions());
        assertEquals(1_000_000, nov.tokensTotal());
        // (9 + 1) / (999,000 + 1,000) × 10^6 = 10, where averaging the daily rates would give (9.009 + 1000) / 2
        assertEquals(10.0, nov.mentionsPerMillion(), 1e-9);
        // (5 + 1) / (50 + 2) = 6 / 52, where averaging the daily shares would give (0.1 + 0.5) / 2 = 0.3
        assertEquals(6.0 / 52, nov.articleShare(), 1e-12);
        // 5 / 1,000,000 × 10^6 = 5
        assertEquals(5.0, months.get(1).mentionsPerMillion(), 1e-9);
        assertEquals("2024-12", months.get(1).label());
    }

    @Test
    void weeklyRollupFollowsIsoWeeksAcrossNewYearAndCountsOnlyDaysWithData() {
        List<DailyPoint> days = List.of(
                new DailyPoint(LocalDate.of(2024, 12, 29), 2, 1, 10, 2_000),   // Sunday of 2024-W52
                new DailyPoint(LocalDate.of(2024, 12, 30), 3, 2, 10, 3_000),   // Monday of 2025-W01
                DailyPoint.noData(LocalDate.of(2024, 12, 31)),
                new DailyPoint(LocalDate.of(2025, 1, 5), 1, 1, 10, 1_000),     // Sunday of 2025-W01
                new DailyPoint(LocalDate.of(2025, 1, 6), 0, 0, 10, 1_000));    // Monday of 2025-W02
        List<PeriodPoint> weeks = Rollup.rollup(days, Bucket.WEEK);

        assertEquals(List.of("2024-W52", "2025-W01", "2025-W02"), weeks.stream().map(PeriodPoint::label).toList());
        assertEquals(List.of(LocalDate.of(2024, 12, 23), LocalDate.of(2024, 12, 30), LocalDate.of(2025, 1, 6)),
                weeks.stream().map(PeriodPoint::start).toList());
        PeriodPoint w01 = weeks.get(1);
        assertEquals(2, w01.daysWithData());
        assertEquals(4, w01.mentions());
        // (3 + 1) / (3,000 + 1,000) × 10^6 = 1,000
        assertEquals(1000.0, w01.mentionsPerMillion(), 1e-9);
        assertEquals(0.0, weeks.get(2).mentionsPerMillion(), 0.0);
    }

    @Test
    void aPeriodWithoutArticlesHasNullRatesNotZero() {
        List<PeriodPoint> weeks = Rollup.rollup(List.of(DailyPoint.noData(LocalDate.of(2024, 11, 13))), Bucket.WEEK);
        assertEquals(0, weeks.get(0).daysWithData());
        assertNull(weeks.get(0).mentionsPerMillion());
        assertNull(weeks.get(0).articleShare());
    }

    @Test
    void rejectsTwoPointsForTheSameDay() {
        LocalDate d = LocalDate.of(2024, 11, 13);
        assertThrows(IllegalArgumentException.class,
                () -> Rollup.rollup(List.of(DailyPoint.noData(d), DailyPoint.noData(d)), Bucket.MONTH));
        assertThrows(IllegalArgumentException.class, () -> Rollup.rollup(List.of(), null));
    }
}
