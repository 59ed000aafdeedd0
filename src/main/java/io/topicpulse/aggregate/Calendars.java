package io.topicpulse.aggregate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;

/** Calendar arithmetic for series: ISO weeks, calendar months and dense day ranges. */
public final class Calendars {

    private Calendars() {
    }

    /** The Monday that starts the ISO week holding {@code date} (it may fall in the previous year). */
    public static LocalDate isoWeekStart(LocalDate date) {
        return requireDate(date, "date").with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /**
     * The ISO week of {@code date} as "YYYY-Www" with the week-based year, which differs from the calendar year
     * around New Year: 2024-12-30 is "2025-W01" and 2021-01-03 is "2020-W53".
     */
    public static String isoWeekLabel(LocalDate date) {
        requireDate(date, "date");
        return String.format(Locale.ROOT, "%04d-W%02d",
                date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The first day of the calendar month holding {@code date}. */
    public static LocalDate monthStart(LocalDate date) {
        return requireDate(date, "date").withDayOfMonth(1);
    }

    /** The calendar month of {@code date} as "YYYY-MM". */
    public static String monthLabel(LocalDate date) {
        return YearMonth.from(requireDate(date, "date")).toString();
    }

    /** Every day from {@code first} to {@code last}, both included, in order. */
    public static List<LocalDate> days(LocalDate first, LocalDate last) {
        requireDate(first, "first");
        requireDate(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last (" + last + ") must not be before first (" + first + ")");
        }
        return first.datesUntil(last.plusDays(1)).toList();
    }

    /** How many days {@code first} to {@code last} span, both included (1 when they are the same day). */
    public static int dayCount(LocalDate first, LocalDate last) {
        requireDate(first, "first");
        requireDate(last, "last");
        long n = last.toEpochDay() - first.toEpochDay() + 1;
        if (n < 1) {
            throw new IllegalArgumentException("last (" + last + ") must not be before first (" + first + ")");
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("range " + first + " to " + last + " is too long");
        }
        return (int) n;
    }

    static LocalDate requireDate(LocalDate date, String name) {
        if (date == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return date;
    }
}
