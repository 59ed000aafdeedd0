package io.topicpulse.aggregate;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceAuditTest {

    @Test
    void weakDateShareCountsArticlesDatedFromTheUrlOrTheText() {
        // weak = url 1 + text 2 = 3; all = 3 + 4 + 1 + 2 = 10; 3 / 10 = 0.3
        Map<String, Long> byDateSource = Map.of("json-ld", 3L, "meta", 4L, "url", 1L, "text", 2L);
        assertEquals(0.3, SourceAudit.weakDateShare(byDateSource), 1e-12);
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
        assertNull(SourceAudit.weakDateShare(Map.of()));
        assertNull(SourceAudit.topSourceShare(Map.of("a.example", 0L)));
    }

    @Test
    void treatsStructuredAndMissingDateSourcesAsStrong() {
        assertTrue(SourceAudit.isWeakDateSource("URL"));
        assertTrue(SourceAudit.isWeakDateSource("text"));
        assertFalse(SourceAudit.isWeakDateSource("time-element"));
        assertFalse(SourceAudit.isWeakDateSource(null));
        Map<String, Long> withNullSource = new HashMap<>();
        withNullSource.put(null, 1L);
        withNullSource.put("url", 1L);
        assertEquals(0.5, SourceAudit.weakDateShare(withNullSource), 1e-12);
    }

    @Test
    void rejectsNegativeCountsNamingTheMapAndTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceAudit.topSourceShare(Map.of("a.example", -1L)));
        assertTrue(e.getMessage().contains("mentionsByHost[a.example]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SourceAudit.weakDateShare(null));
    }
}
