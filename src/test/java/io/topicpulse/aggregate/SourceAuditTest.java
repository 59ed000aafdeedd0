package io.topicpulse.aggregate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceAuditTest {

    @Test
    void weakDateShareIsTheShareOfMentioningArticlesDatedWithLessThanNinetyPercentConfidence() {
        // 3 of 10 mentioning articles have a weak date: 0.3
        assertEquals(0.3, SourceAudit.weakDateShare(3, 10), 1e-12);
    }

    @Test
    void topSourceShareIsTheBiggestHostsShareOfTheMentions() {
        // biggest = 6; all = 6 + 3 + 1 = 10; 6 / 10 = 0.6
        Map<String, Long> byHost = Map.of("a.example", 6L, "b.example", 3L, "c.example", 1L);
        assertEquals(0.6, SourceAudit.topSourceShare(byHost), 1e-12);
        assertEquals(1.0, SourceAudit.topSourceShare(Map.of("only.example", 4L)), 1e-12);
    }

    @Test
    void auditSharesAreNullWhenThereIsNothingToShareOut() {
        assertNull(SourceAudit.weakDateShare(0, 0));
        assertNull(SourceAudit.topSourceShare(Map.of("a.example", 0L)));
    }

    @Test
    void aDateIsWeakBelowNinetyPercentConfidenceOrWhenItsConfidenceIsUnknown() {
        assertTrue(SourceAudit.isWeakDate(0.89));
        assertTrue(SourceAudit.isWeakDate(null));
        assertFalse(SourceAudit.isWeakDate(0.9));
        assertFalse(SourceAudit.isWeakDate(0.99));
    }

    @Test
    void rejectsNegativeCountsNamingTheMapAndTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceAudit.topSourceShare(Map.of("a.example", -1L)));
        assertTrue(e.getMessage().contains("mentionsByHost[a.example]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SourceAudit.weakDateShare(4, 3));
    }
}
