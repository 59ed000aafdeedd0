package io.topicpulse.topics;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TermCounterTest {

    @Test
    void countsEveryWordLowerCased() {
        Map<String, Integer> counts = new TermCounter().count("Oil Price", "The oil price of the OIL.");
        assertEquals(3, counts.get("oil"));
        assertEquals(2, counts.get("price"));
        assertEquals(2, counts.get("the"), "single stop-words are kept");
        assertEquals(1, counts.get("of"));
    }

    @Test
    void countsTwoWordPhrasesButNotThoseMadeOnlyOfStopWords() {
        Map<String, Integer> counts = new TermCounter().count("", "The axis of the war");
        assertEquals(1, counts.get("the axis"));
        assertEquals(1, counts.get("axis of"));
        assertNull(counts.get("of the"));
        assertEquals(1, counts.get("the war"));
    }

    @Test
    void hyphenatedAndSpacedPhrasesCountTogether() {
        Map<String, Integer> counts = new TermCounter().count("", "A multi-polar and multi polar world.");
        assertEquals(2, counts.get("multi polar"));
    }

    @Test
    void phrasesDoNotSpanPunctuationOrTitleAndText() {
        Map<String, Integer> counts = new TermCounter().count("Oil", "price rose. Sharply, then");
        assertNull(counts.get("oil price"));
        assertNull(counts.get("rose sharply"));
        assertNull(counts.get("sharply then"));
        assertEquals(1, counts.get("price rose"));
    }

    @Test
    void skipsOverlongTokens() {
        String blob = "a".repeat(TermCounter.MAX_TOKEN_LENGTH + 1);
        Map<String, Integer> counts = new TermCounter().count("", "big " + blob + " data");
        assertFalse(counts.containsKey(blob));
        assertNull(counts.get("big data"));
    }

    @Test
    void limitsTokensReadAndKeysHeld() {
        Map<String, Integer> firstTokens = new TermCounter(3, 100).count("one two", "three four five");
        assertEquals(Map.of("one", 1, "two", 1, "three", 1, "one two", 1), firstTokens);
        Map<String, Integer> capped = new TermCounter(100, 2).count("", "red red blue green red");
        assertEquals(Map.of("red", 3, "red red", 1), capped);
        assertTrue(capped.size() <= 2);
    }

    @Test
    void rejectsLimitsBelowOne() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TermCounter(0, 5)).getMessage()
                .contains("maxTokens"));
    }

    @Test
    void countsTheSameFromTokensAsFromText() {
        String title = "Oil price";
        String text = "The oil price of the OIL.\n\nA multi-polar world.";
        assertEquals(new TermCounter().count(title, text),
                new TermCounter().countTokens(Tokenizer.tokenize(title), Tokenizer.tokenize(text)));
    }
}
