package io.topicpulse.aggregate;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
        // from the median of the other days of the same weekday, 27 are 0 and one (day 33) is 20, so the MAD is 0
        // and the floor sqrt(10) rules.
        // z = (30 − 10) / sqrt(10) = 6.3246 again.
        assertEquals(List.of(START.plusDays(33), START.plusDays(40)), spikes(stats));
        assertEquals(20 / Math.sqrt(10), stats.get(40).zscore(), 1e-9);
    }

    @Test
    void scoresADayAgainstItsWeekdayMedianAndThePooledSpread() {
        // 100,000 tokens a day, so a mention is 10 per million. Every weekday has 80, 100, 100 and 120 mentions in
        // weeks 1 to 4: 800, 1,000, 1,000 and 1,200 per million. Day 28, a Monday, is scored against them.
        //
        // level = median{800, 1000, 1000, 1200} = 1,000.
        // Each baseline day against the median of its weekday's other three days:
        //   800 vs median{1000, 1000, 1200} = 1000: 200;  1000 vs median{800, 1000, 1200} = 1000: 0 (twice);
        //   1200 vs median{800, 1000, 1000} = 1000: 200.
        // Over the 7 weekdays: 14 deviations of 0 and 14 of 200, median (0 + 200) / 2 = 100, spread = 148.26.
        // floor = sqrt(1,000 × 100,000 / 10^6 = 100 mentions) × 10 = 100 per million, below the spread.
        DailyStats high = lastDayAfterFourVariedWeeks(160);  // 1,600 per million
        // z = (1,600 − 1,000) / 148.26 = 4.047: a spike.
        assertEquals(1000.0, high.expectedPerMillion(), 1e-9);
        assertEquals(600 / 148.26, high.zscore(), 1e-9);
        assertTrue(high.spike());

        DailyStats raised = lastDayAfterFourVariedWeeks(130);  // 1,300 per million
        // z = (1,300 − 1,000) / 148.26 = 2.023: not a spike.
        assertEquals(300 / 148.26, raised.zscore(), 1e-9);
        assertFalse(raised.spike());
    }

    private static DailyStats lastDayAfterFourVariedWeeks(int mentionsOnDay28) {
        int[] weekly = {80, 100, 100, 120};
        List<DailyPoint> points = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            points.add(day(i, weekly[i / 7], 100_000));
        }
        points.add(day(28, mentionsOnDay28, 100_000));
        return SeriesStats.compute(points).get(28);
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
    void onSimulatedPoissonNewsFlagsFewOrdinaryDaysAndMostInjectedSurges() {
        // 5,000 days of a topic with a Monday-heavy, weekend-light rhythm, volume that varies day to day and
        // halves at weekends, counts drawn from a Poisson law (mean 10 mentions on an average weekday); on about
        // 1% of days the mean is tripled plus 5. Seeded, so the counts below are fixed.
        double[] weekdayFactor = {1.6, 1.0, 1.0, 1.0, 1.0, 0.7, 0.5};
        Random random = new Random(7);
        List<DailyPoint> points = new ArrayList<>();
        Set<Integer> surges = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            long articles = (200 + random.nextInt(100)) / (i % 7 >= 5 ? 2 : 1);
            long tokens = articles * 500;
            double mean = 10 * weekdayFactor[i % 7] * articles / 250.0;
            if (i > 28 && random.nextDouble() < 0.01) {
                mean = 3 * mean + 5;
                surges.add(i);
            }
            long mentions = poisson(random, mean);
            points.add(new DailyPoint(START.plusDays(i), mentions, Math.min(mentions, articles), articles, tokens));
        }
        List<DailyStats> stats = SeriesStats.compute(points);

        int ordinaryScored = 0;
        int falseAlarms = 0;
        int caught = 0;
        for (int i = 0; i < stats.size(); i++) {
            boolean surge = surges.contains(i);
            ordinaryScored += !surge && stats.get(i).zscore() != null ? 1 : 0;
            falseAlarms += !surge && stats.get(i).spike() ? 1 : 0;
            caught += surge && stats.get(i).spike() ? 1 : 0;
        }
        // A z of 3 on normal noise would flag 0.13% of days; Poisson counts have a heavier upper tail, and the
        // spread is estimated from 28 days, so allow up to 1%.
        assertTrue(falseAlarms < 0.01 * ordinaryScored, falseAlarms + " false alarms in " + ordinaryScored);
        assertTrue(caught >= 0.8 * surges.size(), caught + " of " + surges.size() + " surges caught");
    }

    /** Knuth's method: fine for the small means used here. */
    private static long poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
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
        assertTrue(SeriesStats.compute(series(29, i -> i == 28 ? 2 : 0),
                lenient.withMinSpikeMentions(2).withMinSpikeArticles(2)).get(28).spike());
    }

    @Test
    void oneArticleRepeatingATermIsNotASpikeHoweverHighItScores() {
        // Five mentions after 28 silent days score z = 5 (the one-mention floor), but all five stand in a single
        // article: mentions cluster within articles, and one story is not a surge.
        List<DailyPoint> points = new ArrayList<>(series(28, i -> 0));
        points.add(new DailyPoint(START.plusDays(28), 5, 1, 100, MILLION));
        DailyStats day = SeriesStats.compute(points).get(28);
        assertEquals(5.0, day.zscore(), 1e-12);
        assertFalse(day.spike());
        assertTrue(SeriesStats.compute(points, SeriesStats.Options.DEFAULTS.withMinSpikeArticles(1)).get(28).spike());
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
    void theMedianWithOneValueLeftOutMatchesTheMedianOfTheOthers() {
        double[] sorted = {1, 2, 4, 8, 16};
        for (int size = 2; size <= sorted.length; size++) {
            for (int skip = 0; skip < size; skip++) {
                double[] others = new double[size - 1];
                for (int k = 0, m = 0; k < size; k++) {
                    if (k != skip) {
                        others[m++] = sorted[k];
                    }
                }
                assertEquals(SeriesStats.median(others, others.length),
                        SeriesStats.medianWithout(sorted, size, skip), 0.0, "size " + size + ", skip " + skip);
            }
        }
        // {1, 2, 4, 8} without 2 is {1, 4, 8}: 4; without 8 is {1, 2, 4}: 2
        assertEquals(4.0, SeriesStats.medianWithout(sorted, 4, 1), 0.0);
        assertEquals(2.0, SeriesStats.medianWithout(sorted, 4, 3), 0.0);
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

    @Test
    void statsOfTheDataDaysAloneEqualThoseOfTheWholeDenseSeries() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 40; trial++) {
            List<DailyPoint> points = new ArrayList<>();
            LocalDate day = START;
            for (int i = 0; i < 120; i++) {
                // Bursts of daily data separated by gaps of up to 80 days, some longer than any window reaches.
                day = day.plusDays(random.nextInt(10) == 0 ? 1 + random.nextInt(80) : 1);
                long mentions = random.nextInt(6);
                points.add(new DailyPoint(day, mentions, Math.min(mentions, 2), 2 + random.nextInt(5),
                        1_000 + random.nextInt(5_000)));
            }
            List<DailyStats> dense = SeriesStats.compute(points).stream().filter(s -> s.articlesTotal() > 0)
                    .toList();
            assertEquals(dense, SeriesStats.computeDataDays(points, SeriesStats.Options.DEFAULTS), "trial " + trial);
        }
    }
}
