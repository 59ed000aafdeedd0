package io.topicpulse.jobs;

import io.topicpulse.aggregate.SeriesStats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which series rows a change of some days' articles can alter, and which days a recomputation of them must read.
 *
 * <p>A day's counts depend only on that day's articles, but its {@code ma7} reads the days {@code d-3..d+3} and its
 * {@code zscore} the {@value #BASELINE_DAYS} days before it. So when the articles of day {@code c} change:
 * <ul>
 * <li>{@link #rewritten}: the rows of {@code c-3..c+28} (ma7 of the three days each side, zscore of the 28 days
 * after, both of {@code c} itself) may change, and no other;</li>
 * <li>{@link #context}: recomputing a day {@code x} reads the counts of {@code x-28..x+3}, so recomputing all of
 * them reads {@code c-31..c+31};</li>
 * <li>{@link #periodDays}: the weekly and monthly rows of {@code c} count distinct hosts and clusters over their
 * whole ISO week and calendar month, so they read the articles of those days.</li>
 * </ul>
 */
public final class SeriesDates {

    /** Days of the trailing spike baseline ({@link SeriesStats.Options#DEFAULTS}). */
    public static final int BASELINE_DAYS = SeriesStats.Options.DEFAULTS.baselineDays();
    /** Half the centred moving-average window. */
    public static final int MA_RADIUS = 3;

    private SeriesDates() {
    }

    /** Days whose daily series rows (topic_daily, topic_by_source_daily) must be recomputed. */
    public static Set<LocalDate> rewritten(Collection<LocalDate> changed) {
        return around(changed, MA_RADIUS, BASELINE_DAYS);
    }

    /**
     * Days whose counts the recomputation of the {@link #rewritten} days reads: of the changed days from their
     * articles, of the others from their stored series rows.
     */
    public static Set<LocalDate> context(Collection<LocalDate> changed) {
        return around(changed, BASELINE_DAYS + MA_RADIUS, BASELINE_DAYS + MA_RADIUS);
    }

    /** Every day from {@code before} days before to {@code after} days after each of the days. */
    private static Set<LocalDate> around(Collection<LocalDate> days, int before, int after) {
        Set<LocalDate> out = new TreeSet<>();
        for (LocalDate c : checked(days)) {
            for (LocalDate d = c.minusDays(before); !d.isAfter(c.plusDays(after)); d = d.plusDays(1)) {
                out.add(d);
            }
        }
        return out;
    }

    /** Mondays of the ISO weeks holding a changed day: the topic_weekly rows to recompute. */
    public static Set<LocalDate> weeks(Collection<LocalDate> changed) {
        Set<LocalDate> out = new TreeSet<>();
        for (LocalDate c : checked(changed)) {
            out.add(c.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        }
        return out;
    }

    /** First days of the months holding a changed day: the topic_monthly rows to recompute. */
    public static Set<LocalDate> months(Collection<LocalDate> changed) {
        Set<LocalDate> out = new TreeSet<>();
        for (LocalDate c : checked(changed)) {
            out.add(c.withDayOfMonth(1));
        }
        return out;
    }

    /** Every day of the ISO weeks and calendar months holding a changed day: what weekly and monthly rows read. */
    public static Set<LocalDate> periodDays(Collection<LocalDate> changed) {
        Set<LocalDate> out = new TreeSet<>();
        for (LocalDate monday : weeks(changed)) {
            for (int i = 0; i < 7; i++) {
                out.add(monday.plusDays(i));
            }
        }
        for (LocalDate first : months(changed)) {
            for (LocalDate d = first; d.getMonth() == first.getMonth(); d = d.plusDays(1)) {
                out.add(d);
            }
        }
        return out;
    }

    /** Hive partition folder names ({@code date=2024-11-30}) of the days. */
    public static Set<String> partitions(Collection<LocalDate> days) {
        Set<String> out = new TreeSet<>();
        for (LocalDate d : checked(days)) {
            out.add("date=" + d);
        }
        return out;
    }

    private static Collection<LocalDate> checked(Collection<LocalDate> days) {
        if (days == null) {
            throw new IllegalArgumentException("days must not be null");
        }
        for (LocalDate d : days) {
            if (d == null) {
                throw new IllegalArgumentException("days must not hold null");
            }
        }
        return days;
    }
}
