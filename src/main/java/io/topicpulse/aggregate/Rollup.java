package io.topicpulse.aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sums a daily series into weeks or months. Counts add up; rates are recomputed from the sums, never averaged, so
 * a thin day weighs by its tokens and not as much as a busy one.
 *
 * <p>Counts of distinct things that can recur across days (distinct sources mentioning, sources active) do not
 * add up and are not here: they must come from a group-by over the whole period.
 */
public final class Rollup {

    private Rollup() {
    }

    /**
     * One {@link PeriodPoint} per period that holds at least one of {@code days}, in date order.
     *
     * @throws IllegalArgumentException when an argument is null, {@code days} holds a null or a date twice
     */
    public static List<PeriodPoint> rollup(Collection<DailyPoint> days, Bucket bucket) {
        if (bucket == null) {
            throw new IllegalArgumentException("bucket must not be null");
        }
        if (days == null) {
            throw new IllegalArgumentException("days must not be null");
        }
        TreeMap<LocalDate, List<DailyPoint>> byPeriod = new TreeMap<>();
        Set<LocalDate> seen = new HashSet<>();
        for (DailyPoint d : days) {
            if (d == null) {
                throw new IllegalArgumentException("days must not hold null");
            }
            if (!seen.add(d.date())) {
                throw new IllegalArgumentException("days holds two points for " + d.date());
            }
            byPeriod.computeIfAbsent(bucket.start(d.date()), k -> new ArrayList<>()).add(d);
        }
        List<PeriodPoint> out = new ArrayList<>(byPeriod.size());
        for (Map.Entry<LocalDate, List<DailyPoint>> e : byPeriod.entrySet()) {
            int withData = 0;
            long mentions = 0;
            long mentioning = 0;
            long articles = 0;
            long tokens = 0;
            for (DailyPoint d : e.getValue()) {
                withData += d.hasData() ? 1 : 0;
                mentions += d.mentions();
                mentioning += d.articlesMentioning();
                articles += d.articlesTotal();
                tokens += d.tokensTotal();
            }
            out.add(new PeriodPoint(bucket, e.getKey(), bucket.label(e.getKey()), withData, mentions, mentioning,
                    articles, tokens));
        }
        return out;
    }
}
