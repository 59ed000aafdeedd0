package io.topicpulse.aggregate;

import java.time.LocalDate;

/** The period a series is reported by: a day, an ISO week (Monday to Sunday) or a calendar month. */
public enum Bucket {
    DAY, WEEK, MONTH;

    /** The first day of the period holding {@code date}. */
    public LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> Calendars.requireDate(date, "date");
            case WEEK -> Calendars.isoWeekStart(date);
            case MONTH -> Calendars.monthStart(date);
        };
    }

    /** The period's name: "2024-11-30", "2024-W48" or "2024-11". */
    public String label(LocalDate date) {
        return switch (this) {
            case DAY -> Calendars.requireDate(date, "date").toString();
            case WEEK -> Calendars.isoWeekLabel(date);
            case MONTH -> Calendars.monthLabel(date);
        };
    }

    /** Parses "day", "week" or "month" (any case), as the CLI's {@code --by} takes them. */
    public static Bucket parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("bucket name must not be null");
        }
        for (Bucket b : values()) {
            if (b.name().equalsIgnoreCase(name.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("bucket name must be day, week or month, was: " + name);
    }
}
