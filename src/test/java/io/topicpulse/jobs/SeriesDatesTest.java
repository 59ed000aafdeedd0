package io.topicpulse.jobs;

import io.topicpulse.aggregate.DailyPoint;
import io.topicpulse.aggregate.DailyStats;
import io.topicpulse.aggregate.SeriesStats;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesDatesTest {

    private static final LocalDate START = LocalDate.of(2024, 9, 1);

    @Test
    void rewritesThreeDaysBeforeAndTheBaselineAfterAChangedDay() {
        LocalDate c = LocalDate.of(2024, 11, 13);
        Set<LocalDate> days = SeriesDates.rewritten(Set.of(c));
        assertEquals(3 + 1 + 28, days.size());
        assertTrue(days.contains(c.minusDays(3)) && days.contains(c.plusDays(28)));
        assertEquals(Set.of(LocalDate.of(2024, 11, 11)), SeriesDates.weeks(Set.of(c)));
        assertEquals(Set.of(LocalDate.of(2024, 11, 1)), SeriesDates.months(Set.of(c)));
        assertEquals(Set.of("date=2024-11-13"), SeriesDates.partitions(Set.of(c)));
    }

    @Test
    void noOtherDayOfASeriesChangesWhenOneDayDoes() {
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            List<DailyPoint> before = randomSeries(random, 120);
            int changedIndex = random.nextInt(before.size());
            List<DailyPoint> after = new ArrayList<>(before);
            DailyPoint old = before.get(changedIndex);
            after.set(changedIndex, new DailyPoint(old.date(), old.mentions() + 1 + random.nextInt(20),
                    old.articlesMentioning() + 1, old.articlesTotal() + 1, old.tokensTotal() + 500));
            Map<LocalDate, DailyStats> s0 = byDate(SeriesStats.compute(before));
            Map<LocalDate, DailyStats> s1 = byDate(SeriesStats.compute(after));
            Set<LocalDate> rewritten = SeriesDates.rewritten(Set.of(old.date()));
            for (LocalDate d : s0.keySet()) {
                if (!rewritten.contains(d)) {
                    assertEquals(s0.get(d), s1.get(d), "day " + d + " changed but is not rewritten");
                }
            }
        }
    }

    @Test
    void theContextDaysAloneGiveTheRewrittenDaysTheirFullSeriesStats() {
        Random random = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            List<DailyPoint> series = randomSeries(random, 150);
            LocalDate c1 = series.get(random.nextInt(series.size())).date();
            LocalDate c2 = series.get(random.nextInt(series.size())).date();
            Set<LocalDate> changed = Set.of(c1, c2);
            Set<LocalDate> context = SeriesDates.context(changed);
            Map<LocalDate, DailyStats> full = byDate(SeriesStats.compute(series));
            Map<LocalDate, DailyStats> partial = byDate(SeriesStats.compute(
                    series.stream().filter(p -> context.contains(p.date())).toList()));
            for (LocalDate d : SeriesDates.rewritten(changed)) {
                if (full.containsKey(d)) {
                    assertEquals(full.get(d), partial.get(d), "day " + d + " with changes on " + changed);
                }
            }
        }
    }

    @Test
    void theContextHoldsTheWholeWeekAndMonthOfAChangedDay() {
        for (LocalDate c = LocalDate.of(2024, 1, 1); c.getYear() == 2024; c = c.plusDays(1)) {
            Set<LocalDate> context = SeriesDates.context(Set.of(c));
            LocalDate monday = SeriesDates.weeks(Set.of(c)).iterator().next();
            LocalDate first = SeriesDates.months(Set.of(c)).iterator().next();
            assertTrue(context.contains(monday) && context.contains(monday.plusDays(6)), c.toString());
            assertTrue(context.contains(first) && context.contains(first.plusMonths(1).minusDays(1)), c.toString());
        }
    }

    @Test
    void rejectsANullDay() {
        List<LocalDate> days = new ArrayList<>();
        days.add(null);
        assertThrows(IllegalArgumentException.class, () -> SeriesDates.rewritten(days));
    }

    /** Days with gaps, quiet weeks and bursts, so baselines are sometimes too thin and spikes happen. */
    private static List<DailyPoint> randomSeries(Random random, int days) {
        List<DailyPoint> out = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            if (random.nextInt(10) == 0) {
                continue;
            }
            long articles = 1 + random.nextInt(30);
            long tokens = articles * (300 + random.nextInt(400));
            long mentions = random.nextInt(8) == 0 ? 10 + random.nextInt(40) : random.nextInt(4);
            out.add(new DailyPoint(START.plusDays(i), mentions, Math.min(mentions, articles), articles, tokens));
        }
        return out;
    }

    private static Map<LocalDate, DailyStats> byDate(List<DailyStats> stats) {
        return stats.stream().collect(Collectors.toMap(DailyStats::date, s -> s, (a, b) -> a, TreeMap::new));
    }
}
