package io.topicpulse.aggregate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PeriodCountsTest {

    private static PeriodCounts.Article article(String id, String host, String cluster, Double dateConfidence,
                                                long tokens, Map<String, Long> mentions) {
        return new PeriodCounts.Article(id, host, cluster, dateConfidence, tokens, mentions);
    }

    @Test
    void countsVolumeOverEveryArticleAndMentionsOverTheMentioningOnes() {
        List<PeriodCounts.TopicCounts> counts = PeriodCounts.count(List.of(
                article("a", "one.example", "a", 0.99, 100, Map.of("sanctions", 3L)),
                article("b", "two.example", "b", 0.6, 50, Map.of("sanctions", 1L, "axis", 2L)),
                article("c", "two.example", "c", 0.96, 10, Map.of())), List.of("sanctions", "axis"));

        PeriodCounts.TopicCounts sanctions = counts.get(0);
        assertEquals("sanctions", sanctions.topic());
        assertEquals(3, sanctions.articlesTotal());
        assertEquals(160, sanctions.tokensTotal());
        assertEquals(2, sanctions.sourcesActive());
        assertEquals(4, sanctions.mentions());
        assertEquals(2, sanctions.articlesMentioning());
        assertEquals(2, sanctions.sourcesMentioning());
        assertEquals(0.5, sanctions.weakDateShare());
        assertEquals(0.75, sanctions.topSourceShare());

        PeriodCounts.TopicCounts axis = counts.get(1);
        assertEquals(2, axis.mentions());
        assertEquals(1, axis.articlesMentioning());
        assertEquals(1.0, axis.weakDateShare());
    }

    @Test
    void countsEachNearDuplicateClusterOnceAtItsMostMentioningMember() {
        List<PeriodCounts.TopicCounts> counts = PeriodCounts.count(List.of(
                article("a", "one.example", "a", 0.99, 10, Map.of("axis", 2L)),
                article("b", "two.example", "a", 0.99, 10, Map.of("axis", 5L)),
                article("c", "two.example", "c", 0.99, 10, Map.of("axis", 1L))), List.of("axis"));

        assertEquals(8, counts.get(0).mentions());
        assertEquals(6, counts.get(0).mentionsDedup());
        assertEquals(3, counts.get(0).articlesMentioning());
        assertEquals(2, counts.get(0).articlesMentioningDedup());
    }

    @Test
    void givesEveryLexiconTopicARowWithZerosAndNoSharesWhenNobodyMentionsIt() {
        List<PeriodCounts.TopicCounts> counts = PeriodCounts.count(List.of(
                article("a", "one.example", "a", 0.99, 10, Map.of("unlisted", 4L))), List.of("multipolar"));

        assertEquals(1, counts.size());
        PeriodCounts.TopicCounts multipolar = counts.get(0);
        assertEquals(1, multipolar.articlesTotal());
        assertEquals(0, multipolar.mentions());
        assertEquals(0, multipolar.articlesMentioning());
        assertEquals(0, multipolar.mentionsDedup());
        assertNull(multipolar.weakDateShare());
        assertNull(multipolar.topSourceShare());
    }

    @Test
    void leavesArticlesWithoutAHostOutOfTheDistinctSourceCounts() {
        List<PeriodCounts.TopicCounts> counts = PeriodCounts.count(List.of(
                article("a", null, "a", 0.99, 10, Map.of("axis", 1L)),
                article("b", "one.example", "b", 0.99, 10, Map.of("axis", 1L))), List.of("axis"));

        assertEquals(1, counts.get(0).sourcesActive());
        assertEquals(1, counts.get(0).sourcesMentioning());
        assertEquals(2, counts.get(0).articlesMentioning());
    }

    @Test
    void refusesAnArticleCountedTwice() {
        PeriodCounts.Article a = article("a", "one.example", "a", 0.99, 10, Map.of());
        assertThrows(IllegalArgumentException.class, () -> PeriodCounts.count(List.of(a, a), List.of("axis")));
    }
}
