package io.topicpulse.aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/** Builds the dense, ordered day-by-day series that {@link SeriesStats} and {@link Rollup} read. */
public final class DailySeries {

    private DailySeries() {
    }

    /**
     * Puts {@code points} in date order and fills every missing day between the first and the last with
     * {@link DailyPoint#noData}: a missing day is unknown, not zero. Use {@link #onVolume} when the days without
     * mentions are known to have had articles.
     *
     * @throws IllegalArgumentException when {@code points} is null, holds a null or holds two points for one day
     */
    public static List<DailyPoint> dense(Collection<DailyPoint> points) {
        TreeMap<LocalDate, DailyPoint> byDate = byDate(points, "points");
        if (byDate.isEmpty()) {
            return new ArrayList<>();
        }
        List<DailyPoint> out = new ArrayList<>(Calendars.dayCount(byDate.firstKey(), byDate.lastKey()));
        for (LocalDate day : Calendars.days(byDate.firstKey(), byDate.lastKey())) {
            DailyPoint p = byDate.get(day);
            out.add(p != null ? p : DailyPoint.noData(day));
        }
        return out;
    }

    /**
     * Joins a group's days with mentions onto its scope's volume: a day present in {@code volumes} but not in
     * {@code mentionDays} becomes a real zero ({@link DailyPoint#noMentions}); a day in neither becomes no data.
     * The result is dense from the earliest to the latest day of either input. A mention day keeps its own totals.
     *
     * @param mentionDays the group's days with at least one mention (typically what a group-by produced)
     * @param volumes     the scope's articles and tokens per day (the corpus for a topic, the host for a topic at a
     *                    host); duplicate days are rejected
     */
    public static List<DailyPoint> onVolume(Collection<DailyPoint> mentionDays, Collection<DayVolume> volumes) {
        TreeMap<LocalDate, DailyPoint> byDate = byDate(mentionDays, "mentionDays");
        if (volumes == null) {
            throw new IllegalArgumentException("volumes must not be null");
        }
        TreeMap<LocalDate, DailyPoint> merged = new TreeMap<>();
        for (DayVolume v : volumes) {
            if (v == null) {
                throw new IllegalArgumentException("volumes must not hold null");
            }
            if (merged.put(v.date(), DailyPoint.noMentions(v.date(), v.articles(), v.tokens())) != null) {
                throw new IllegalArgumentException("volumes holds two entries for " + v.date());
            }
        }
        merged.putAll(byDate);
        return dense(merged.values());
    }

    private static TreeMap<LocalDate, DailyPoint> byDate(Collection<DailyPoint> points, String name) {
        if (points == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        TreeMap<LocalDate, DailyPoint> byDate = new TreeMap<>();
        for (DailyPoint p : points) {
            if (p == null) {
                throw new IllegalArgumentException(name + " must not hold null");
            }
            if (byDate.put(p.date(), p) != null) {
                throw new IllegalArgumentException(name + " holds two points for " + p.date());
            }
        }
        return byDate;
    }
}
