package io.topicpulse.eval;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldMatchTest {

    @Test
    void titlesMatchAfterWhitespaceNormalisation() {
        assertTrue(FieldMatch.title("Rates  rise\nagain", " Rates rise again "));
        assertFalse(FieldMatch.title("Rates rise again", "Rates rise again | Daily News"));
        assertFalse(FieldMatch.title("Rates rise again", null));
    }

    @Test
    void datesMatchByDayOrByMonthWhenTheTruthHasOnlyAMonth() {
        assertTrue(FieldMatch.date("2020-06-07", LocalDate.of(2020, 6, 7)));
        assertFalse(FieldMatch.date("2020-06-07", LocalDate.of(2020, 6, 8)));
        assertTrue(FieldMatch.date("2020-06", LocalDate.of(2020, 6, 30)));
        assertFalse(FieldMatch.date("2020-06-07", null));
    }

    @Test
    void severalAuthorsMustAllBeThereInOrder() {
        assertTrue(FieldMatch.author("Ann Lee, Bo Chan and Cy Do", List.of("Ann Lee", "Bo Chan", "Cy Do")));
        assertTrue(FieldMatch.author("ANN LEE", List.of("Ann Lee")));
        assertFalse(FieldMatch.author("Ann Lee, Bo Chan", List.of("Ann Lee")));
        assertFalse(FieldMatch.author("Ann Lee", List.of()));
    }
}
