package io.topicpulse.aggregate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalendarsTest {

    @Test
    void putsTheThirtiethOfDecember2024InTheFirstWeekOf2025() {
        // 2024-12-30 is a Monday and the week holds 2025-01-02, the year's first Thursday.
        LocalDate d = LocalDate.of(2024, 12, 30);
        assertEquals("2025-W01", Calendars.isoWeekLabel(d));
        assertEquals(d, Calendars.isoWeekStart(d));
    }

    @Test
    void putsTheThirdOfJanuary2021InWeek53Of2020() {
        // 2021-01-03 is a Sunday; its week began Monday 2020-12-28 and holds 2020-12-31, a Thursday.
        LocalDate d = LocalDate.of(2021, 1, 3);
        assertEquals("2020-W53", Calendars.isoWeekLabel(d));
        assertEquals(LocalDate.of(2020, 12, 28), Calendars.isoWeekStart(d));
    }

    @Test
    void labelsAnOrdinaryMidweekDayWithItsWeekAndItsMonday() {
        LocalDate wednesday = LocalDate.of(2024, 11, 13);
        assertEquals("2024-W46", Calendars.isoWeekLabel(wednesday));
        assertEquals(LocalDate.of(2024, 11, 11), Calendars.isoWeekStart(wednesday));
        assertEquals(LocalDate.of(2024, 11, 11), Calendars.isoWeekStart(LocalDate.of(2024, 11, 11)));
        assertEquals(LocalDate.of(2024, 11, 11), Calendars.isoWeekStart(LocalDate.of(2024, 11, 17)));
    }

    @Test
    void startsMonthsOnTheFirstAndLabelsThemYearDashMonth() {
        assertEquals(LocalDate.of(2024, 2, 1), Calendars.monthStart(LocalDate.of(2024, 2, 29)));
        assertEquals("2024-02", Calendars.monthLabel(LocalDate.of(2024, 2, 29)));
    }

    @Test
    void enumeratesEveryDayOfARangeIncludingBothEndsAndALeapDay() {
        List<LocalDate> days = Calendars.days(LocalDate.of(2024, 2, 27), LocalDate.of(2024, 3, 1));
        assertEquals(List.of(LocalDate.of(2024, 2, 27), LocalDate.of(2024, 2, 28), LocalDate.of(2024, 2, 29),
                LocalDate.of(2024, 3, 1)), days);
        assertEquals(4, Calendars.dayCount(LocalDate.of(2024, 2, 27), LocalDate.of(2024, 3, 1)));
        assertEquals(1, Calendars.days(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 1)).size());
    }

    @Test
    void rejectsARangeThatEndsBeforeItStartsNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Calendars.days(LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 1)));
        assertTrue(e.getMessage().startsWith("last"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Calendars.isoWeekLabel(null));
    }

    @Test
    void bucketsGiveTheStartAndLabelOfTheirPeriodAndParseTheCliNames() {
        LocalDate d = LocalDate.of(2021, 1, 3);
        assertEquals(d, Bucket.DAY.start(d));
        assertEquals("2021-01-03", Bucket.DAY.label(d));
        assertEquals(LocalDate.of(2020, 12, 28), Bucket.WEEK.start(d));
        assertEquals("2020-W53", Bucket.WEEK.label(d));
        assertEquals(LocalDate.of(2021, 1, 1), Bucket.MONTH.start(d));
        assertEquals("2021-01", Bucket.MONTH.label(d));
        assertEquals(Bucket.WEEK, Bucket.parse(" Week "));
        assertThrows(IllegalArgumentException.class, () -> Bucket.parse("fortnight"));
    }
}
