package io.topicpulse.eval;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateTradeOffTest {

    private static final LocalDate DAY = LocalDate.of(2024, 11, 13);

    private static EvalReport.DatePage page(String half, Double confidence, boolean correct) {
        return new EvalReport.DatePage("p", half, "2024-11-13", confidence == null ? null : DAY, confidence, null,
                null, correct);
    }

    private static final List<EvalReport.DatePage> PAGES = List.of(
            page("A", 0.99, true), page("A", 0.99, true), page("A", 0.92, false), page("B", 0.56, true),
            page("B", 0.32, false), page("B", null, false));

    @Test
    void aFloorKeepsTheDatesAtOrAboveItAndCountsAccuracyOverEveryPage() {
        DateTradeOff.Row none = DateTradeOff.at(PAGES, 0);
        assertEquals(5, none.kept());
        assertEquals(3, none.right());
        assertEquals(0.6, none.precision(), 1e-12);
        assertEquals(0.5, none.accuracy(), 1e-12);

        DateTradeOff.Row half = DateTradeOff.at(PAGES, 0.5);
        assertEquals(4, half.kept());
        assertEquals(0.75, half.precision(), 1e-12);
        assertEquals(4 / 6.0, half.coverage(), 1e-12);
        assertEquals(0.5, half.accuracy(), 1e-12);
    }

    @Test
    void reliabilityBucketsAreHalfOpenExceptTheLast() {
        assertArrayEquals(new int[] {2, 2}, DateTradeOff.bucket(PAGES, 0.95, 1));
        assertArrayEquals(new int[] {0, 1}, DateTradeOff.bucket(PAGES, 0.9, 0.95));
        assertArrayEquals(new int[] {0, 1}, DateTradeOff.bucket(PAGES, 0, 0.5));
    }

    @Test
    void theTableGivesEachHalfAndTheWhole() {
        String table = DateTradeOff.format(PAGES);
        assertTrue(table.contains("| half A (3) | half B (3) | all (6)"), table);
        assertTrue(table.contains(">= 0.50 (default) | 0.667 / 1.000 / 0.667 | 1.000 / 0.333 / 0.333 | 0.750 / 0.667 / "
                + "0.500"), table);
        assertTrue(table.contains("reliability, all:  [0.00,0.50) 0/1 = 0.000  [0.50,0.70) 1/1 = 1.000"), table);
    }
}
