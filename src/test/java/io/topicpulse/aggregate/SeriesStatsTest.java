package io.topicpulse.aggregate;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesStatsTest {

    /** A Monday, so index 0, 7, 14, ... of every series below is a Monday. */
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final long MILLION = 1_000_000;

    /** A day of 100 articles and {@code tokens} tokens, one article per mention (at most 100). */
    private static DailyPoint day(int index, long mentions, long tokens) {
        return new DailyPoint(START.plusDays(index), mentions, Math.min(mentions, 100), 100, tokens);
    }

    /** {@code days} days of a million tokens each, so mentions per million equals mentions. */
    private static List<DailyPoint> series(int days, IntUnaryOperator mentionsOnDay) {
        List<DailyPoint> points = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            points.add(day(i, mentionsOnDay.applyAsInt(i), MILLION));
        }
        return points;
    }

    private static List<LocalDate> spikes(List<DailyStats> stats) {
        return stats.stream().filter(DailyStats::spike).map(DailyStats::date).toList();
    }

    @Test
    void flagsExactlyTheSpikeDayInAFlatSeries() {
        List<DailyStats> stats = SeriesStats.compute(series(60, i -> i == 40 ? 30 : 10));

        assertEquals(List.of(START.plusDays(40)), spikes(stats));
        // Baseline all 10: level 10, spread 0; floor = sqrt(10 expected mentions) = 3.1623 per million.
        // z = (30 − 10) / 3.1623 = 6.3246
        assertEquals(20 / Math.sqrt(10), stats.get(40).zscore(), 1e-9);
        assertEquals(10.0, stats.get(40).expectedPerMillion(), 1e-12);
        assertEquals(0.0, stats.get(39).zscore(), 0.0);
    }

    @Test
    void anEarlierSpikeInTheBaselineDoesNotHideTheNextOne() {
        List<DailyStats> stats = SeriesStats.compute(series(60, i -> i == 33 || i == 40 ? 30 : 10));

        // Day 40's same-weekday baseline is {10, 10, 10, 30} (days 12, 19, 26, 33): median 10. Of the 28 deviations
        // from each weekday's median, 27 are 0 and one is 20, so the MAD is 0 and the floor sqrt(10) rules.
        // z = (30 − 10) / sqrt(10) = 6.3246 again.
        assertEquals(List.of(START.plusDays(33), START.plusDays(40)), spikes(stats));
        assertEquals(20 / Math.sqrt(10), stats.get(40).zscore(), 1e-9);
    }

    @Test
    void scoresADayAgainstItsWeekdayMedianAndThePooledSpread() {
        // 10,000 tokens a day, so a mention is 100 per million. Weeks alternate 6 and 16 mentions on every day:
        // 600 and 1,600 per million.
        List<DailyPoint> points = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            points.add(day(i, (i / 7) % 2 == 0 ? 6 : 16, 10_000));
        }
        points.add(day(28, 40, 10_000));  // 4,000 per million
        points.add(day(29, 25, 10_000));  // 2,500 per million
        List<DailyStats> stats = SeriesStats.compute(points);

        // level = median{600, 1600, 600, 1600} = 1,100; every deviation from its weekday median is 500, so
        // spread = 1.4826 × 500 = 741.3; floor = sqrt(1,100 × 10,000 / 10^6 = 11) × 100 = 331.7, below the spread.
        // z(28) = (4,000 − 1,100) / 741.3 = 3.9120: a spike.  z(29) = (2,500 − 1,100) / 741.3 = 1.8886: not one.
        assertEquals(1100.0, stats.get(28).expectedPerMillion(), 1e-9);
        assertEquals(2900 / 741.3, stats.get(28).zscore(), 1e-9);
        assertTrue(stats.get(28).spike());
        assertEquals(1400 / 741.3, stats.get(29).zscore(), 1e-9);
        assertFalse(stats.get(29).spike());
    }

    @Test
    void doesNotFlagOrdinaryMondaysInASeriesThatPeaksEveryMonday() {
        List<DailyStats> stats = SeriesStats.compute(series(56, i -> i % 7 == 0 ? 30 : 10));

        assertEquals(DayOfWeek.MONDAY, stats.get(49).date().getDayOfWeek());
        assertEquals(List.of(), spikes(stats));
        // Each Monday meets the median of earlier Mondays (30), so z = 0, where a weekday-blind baseline (median 10)
        // would give (30 − 10) / sqrt(10) = 6.3.
        assertEquals(0.0, stats.get(49).zscore(), 0.0);
        assertEquals(30.0, stats.get(49).expectedPerMillion(), 0.0);
    }

    @Test
    void flagsATuesdayAsHighAsAnOrdinaryMonday() {
        List<DailyStats> stats = SeriesStats.compute(series(56, i -> i % 7 == 0 || i == 50 ? 30 : 10));

        assertEquals(DayOfWeek.TUESDAY, stats.get(50).date().getDayOfWeek());
        assertEquals(List.of(START.plusDays(50)), spikes(stats));
        // Tuesdays' median is 10 and every weekday is constant, so spread 0 and floor sqrt(10):
        // z = (30 − 10) / sqrt(10) = 6.3246
        assertEquals(20 / Math.sqrt(10), stats.get(50).zscore(), 1e-9);
    }

    @Test
    void aVolumeSurgeAtTheSameRateIsNotASpike() {
        List<DailyPoint> points = new ArrayList<>(series(28, i -> 10));
        for (int i = 28; i < 42; i++) {
            // Twice the articles and tokens, twice the mentions: still 10 per million.
            points.add(new DailyPoint(START.plusDays(i), 20, 20, 200, 2 * MILLION));
        }
        List<DailyStats> stats = SeriesStats.compute(points);

        assertEquals(List.of(), spikes(stats));
        // 20 / 2,000,000 × 10^6 = 10 = the baseline level, so z = 0 though raw mentions doubled.
        assertEquals(0.0, stats.get(28).zscore(), 0.0);
        // The window around day 28 holds days 25..31: (3 × 10 + 4 × 20) / (3 + 4 × 2) million = 110 / 11 = 10.
        assertEquals(10.0, stats.get(28).ma7(), 1e-9);
        // Raw mentions do move: 110 / 7 = 15.714 a day.
        assertEquals(110 / 7.0, stats.get(28).ma7Mentions(), 1e-9);
    }

    @Test
    void aFewMentionsAfterWeeksOfSilenceScoreByTheOneMentionFloor() {
        // 28 days with articles but no mention: level 0 and spread 0. The floor is one mention's worth,
        // sqrt(max(0, 1)) × 10^6 / 10^6 = 1 per million, so z = mentions.
        List<DailyStats> one = SeriesStats.compute(series(29, i -> i == 28 ? 1 : 0));
        assertEquals(1.0, one.get(28).zscore(), 1e-12);
        assertFalse(one.get(28).spike());

        List<DailyStats> five = SeriesStats.compute(series(29, i -> i == 28 ? 5 : 0));
        assertEquals(5.0, five.get(28).zscore(), 1e-12);
        assertTrue(five.get(28).spike());
    }

    @Test
    void needsThreeMentionsForASpikeWhateverTheScore() {
        // Two mentions after 28 silent days: z = 2 / 1 = 2; with the threshold lowered to 1.5 the score passes but
        // the two mentions stay below the minimum of three.
        SeriesStats.Options lenient = SeriesStats.Options.DEFAULTS.withZThreshold(1.5);
        List<DailyStats> stats = SeriesStats.compute(series(29, i -> i == 28 ? 2 : 0), lenient);
        assertEquals(2.0, stats.get(28).zscore(), 1e-12);
        assertFalse(stats.get(28).spike());
        assertTrue(SeriesStats.compute(series(29, i -> i == 28 ? 2 : 0), lenient.withMinSpikeMentions(2))
                .get(28).spike());
    }

    @Test
    void leavesTheScoreNullWhileTheBaselineHasFewerThanFourteenDaysWithData() {
        // Day 13 sees 13 baseline days: too few, however big the day.
        List<DailyStats> stats = SeriesStats.compute(series(15, i -> i == 13 ? 100 : 10));
        assertNull(stats.get(13).zscore());
        assertFalse(stats.get(13).spike());
        assertNotNull(stats.get(14).zscore());

        // 28 baseline days of which only 13 had articles (days 15..27): still too few.
        List<DailyPoint> sparse = new ArrayList<>(series(29, i -> i == 28 ? 100 : 10));
        for (int i = 0; i < 15; i++) {
            sparse.set(i, DailyPoint.noData(START.plusDays(i)));
        }
        assertNull(SeriesStats.compute(sparse).get(28).zscore());
    }

    @Test
    void daysWithoutArticlesAreNotZeroMentionBaselineDays() {
        // Weeks 1 and 3 have 20 mentions a day; weeks 2 and 4 are missing from the input (a crawl gap).
        List<DailyPoint> points = new ArrayList<>();
        for (int i = 0; i < 29; i++) {
            if ((i / 7) % 2 == 0) {
                points.add(day(i, 20, MILLION));
            }
        }
        List<DailyStats> stats = SeriesStats.compute(points);

        assertEquals(29, stats.size());
        DailyStats gap = stats.get(10);
        assertNull(gap.mentionsPerMillion());
        assertNull(gap.articleShare());
        assertNull(gap.zscore());
        // Day 28 (week 5) against days 0 and 14 of its weekday: level 20, z = 0. Had the gap counted as zeros, the
        // level would be median{20, 0, 20, 0} = 10 and z = (20 − 10) / sqrt(10) = 3.16: a false spike.
        assertEquals(20.0, stats.get(28).expectedPerMillion(), 0.0);
        assertEquals(0.0, stats.get(28).zscore(), 0.0);
        assertEquals(List.of(), spikes(stats));
    }

    @Test
    void daysWithArticlesButNoMentionBecomeRealZerosWhenJoinedOnVolume() {
        List<DailyPoint> mentioned = List.of(day(0, 4, MILLION), day(3, 2, MILLION));
        List<DayVolume> volumes = List.of(new DayVolume(START, 100, MILLION),
                new DayVolume(START.plusDays(1), 80, 800_000), new DayVolume(START.plusDays(3), 100, MILLION));
        List<DailyPoint> days = DailySeries.onVolume(mentioned, volumes);

        assertEquals(4, days.size());
        assertEquals(0.0, days.get(1).mentionsPerMillion(), 0.0);  // 80 articles, no mention: a zero
        assertEquals(0.0, days.get(1).articleShare(), 0.0);
        assertFalse(days.get(2).hasData());                       // in neither input: unknown
        assertNull(days.get(2).mentionsPerMillion());
        assertEquals(4, days.get(0).mentions());
    }

    @Test
    void movingAverageWeighsEachDayByItsTokensAndNeedsFourDaysWithData() {
        List<DailyPoint> points = List.of(
                day(0, 1, 1_000),   // 1,000 per million
                day(1, 2, 2_000),   // 1,000
                day(2, 0, 1_000),   // 0
                day(3, 4, 4_000),   // 1,000
                // day 4 missing: no data
                day(5, 3, 2_000),   // 1,500
                day(6, 0, 1_000));  // 0
        List<DailyStats> stats = SeriesStats.compute(points);

        // Day 3 sees days 0..6, six with data: (1+2+0+4+3+0) / (1+2+1+4+2+1 thousand) × 10^6 = 10 / 11,000 × 10^6
        // = 909.09, where the mean of the daily rates would be 4,500 / 6 = 750.
        assertEquals(10 / 11_000.0 * 1e6, stats.get(3).ma7(), 1e-9);
        assertEquals(10 / 6.0, stats.get(3).ma7Mentions(), 1e-12);
        // Day 0 sees days 0..3 (the three before the series are unknown): four days, just enough.
        // (1+2+0+4) / 8,000 × 10^6 = 875
        assertEquals(875.0, stats.get(0).ma7(), 1e-9);
        // Day 4 itself has no data but its window does: days 1,2,3,5,6 = (2+0+4+3+0) / 10,000 × 10^6 = 900
        assertEquals(900.0, stats.get(4).ma7(), 1e-9);
        // Day 6 sees days 3..6 with day 4 missing: three days with data, too few.
        assertNull(stats.get(6).ma7());
        assertNull(stats.get(6).ma7Mentions());
    }

    @Test
    void ratesAreNullNotZeroOnADayWithoutArticles() {
        List<DailyStats> stats = SeriesStats.compute(List.of(DailyPoint.noData(START), day(1, 3, 1_500_000)));
        assertNull(stats.get(0).mentionsPerMillion());
        assertNull(stats.get(0).articleShare());
        assertFalse(stats.get(0).spike());
        // 3 / 1,500,000 × 10^6 = 2; 3 of 100 articles
        assertEquals(2.0, stats.get(1).mentionsPerMillion(), 1e-12);
        assertEquals(0.03, stats.get(1).articleShare(), 1e-12);
    }

    @Test
    void rejectsInconsistentCountsAndDuplicateDaysNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DailyPoint(START, 5, 6, 10, 100));
        assertTrue(e.getMessage().startsWith("articlesMentioning"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SeriesStats.compute(List.of(day(0, 1, 10), day(0, 2, 10))));
        assertTrue(e.getMessage().startsWith("points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SeriesStats.Options(28, 30, 2, 3.0, 3));
        assertTrue(e.getMessage().startsWith("minBaselineDays"), e.getMessage());
        assertEquals(List.of(), SeriesStats.compute(List.of()));
    }
}
