package io.topicpulse.report;

import io.topicpulse.topics.Lexicon;
import io.topicpulse.topics.MatchResult;
import io.topicpulse.topics.TopicMatcher;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KwicFinderTest {

    private static final TopicMatcher MATCHER = new TopicMatcher(Lexicon.parse("""
            topics:
              axis: { terms: [axis], exclude: [x-axis, axis of rotation] }
              sanctions: { terms: [sanction, sanctions, sanctioned] }
              energy: { terms: [oil price, oil] }
            """, "test"));

    private static int highlighted(List<Snippet> snippets) {
        return snippets.stream().mapToInt(s -> s.marks().size()).sum();
    }

    @Test
    void highlightsTheSentenceAroundEachMentionWithTheTermMarked() {
        List<Snippet> found = new KwicFinder(MATCHER, "sanctions").find("Markets wait",
                "The Union met on Monday. It adopted new sanctions on Kardenia! Traders shrugged.\n\nMore later.");
        assertEquals(1, found.size());
        assertEquals("It adopted new [[sanctions]] on Kardenia!", found.get(0).bracketed());
        assertFalse(found.get(0).inTitle());
    }

    @Test
    void putsTitleMatchesFirstAndMarksThemAsTitle() {
        List<Snippet> found = new KwicFinder(MATCHER, "sanctions").find("Sanctions adopted",
                "Nothing here. A sanction too.");
        assertEquals(2, found.size());
        assertTrue(found.get(0).inTitle());
        assertEquals("[[Sanctions]] adopted", found.get(0).bracketed());
        assertEquals("A [[sanction]] too.", found.get(1).bracketed());
    }

    @Test
    void showsTwoMatchesOfOneSentenceOnOneLine() {
        List<Snippet> found = new KwicFinder(MATCHER, "sanctions").find(null,
                "Sanctioned firms face sanctions. Next.");
        assertEquals(List.of("[[Sanctioned]] firms face [[sanctions]]."),
                found.stream().map(Snippet::bracketed).toList());
    }

    @Test
    void leavesOutWhatTheCountsLeaveOut() {
        KwicFinder axis = new KwicFinder(MATCHER, "axis");
        String text = "Plot it on the x-axis. The axis of rotation tilts. The Axis powers met.";
        assertEquals(List.of("The [[Axis]] powers met."), axis.find("", text).stream().map(Snippet::bracketed)
                .toList());
        // Leftmost-longest: "oil price" is one mention, not also "oil".
        List<Snippet> energy = new KwicFinder(MATCHER, "energy").find("", "The oil price rose.");
        assertEquals("The [[oil price]] rose.", energy.get(0).bracketed());
    }

    @Test
    void highlightsExactlyAsManyMentionsAsTheMatcherCounts() {
        String[] words = {"axis", "x-axis", "the", "sanctions", "oil", "price", "Oil-price", "rotation", "of",
                "sanction.", "Axis!", "taxis", "\n\n", "oil,", "SANCTIONED?"};
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            StringBuilder title = new StringBuilder();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                title.append(words[random.nextInt(words.length)].replace("\n", "")).append(' ');
            }
            for (int i = 0; i < 60; i++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            MatchResult counted = MATCHER.match(title.toString(), text.toString());
            for (String topic : List.of("axis", "sanctions", "energy")) {
                int expected = counted.countsByTopic().getOrDefault(topic, 0);
                KwicFinder finder = new KwicFinder(MATCHER, topic);
                assertEquals(expected, highlighted(finder.find(title.toString(), text.toString())),
                        topic + " in: " + title + " / " + text);
                assertEquals(expected, finder.count(title.toString(), text.toString()));
            }
        }
    }

    @Test
    void cutsALongSentenceAroundItsMatch() {
        String longSentence = "word ".repeat(100) + "sanctions " + "word ".repeat(100) + "end.";
        Snippet s = new KwicFinder(MATCHER, "sanctions").find("", longSentence).get(0);
        assertTrue(s.text().startsWith("… "), s.text());
        assertTrue(s.text().endsWith(" …"), s.text());
        assertTrue(s.text().length() < KwicFinder.MAX_CHARS, s.text());
        assertEquals("sanctions", s.text().substring(s.marks().get(0).start(), s.marks().get(0).end()));
    }

    @Test
    void findsAnyTermAsTermDailyKeysIt() {
        KwicFinder term = KwicFinder.forTerm("multi polar");
        List<Snippet> found = term.find("", "A multi-polar world. A Multi Polar order. Multipolar is another word.");
        assertEquals(List.of("A [[multi-polar]] world.", "A [[Multi Polar]] order."),
                found.stream().map(Snippet::bracketed).toList());
        assertThrows(IllegalArgumentException.class, () -> KwicFinder.forTerm(" .. "));
    }

    @Test
    void refusesATopicTheLexiconLacks() {
        assertThrows(IllegalArgumentException.class, () -> new KwicFinder(MATCHER, "weather"));
    }
}
