package io.topicpulse.topics;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matcher against {@link ReferenceCounter} on generated texts: they must agree on every count. */
class TopicMatcherRandomizedTest {

    private static final int TEXTS_PER_SEED = 1_500;
    private static final long[] SEEDS = {1L, 42L, 20241130L, 7_777_777L};

    /** Words that look like terms but are not: a whole-word matcher must not count them. */
    private static final String[] DISTRACTORS = {"taxis", "axes", "axisymmetric", "paxis", "sanctionable",
        "multipolarism", "oils", "pricey", "NATOs", "pipelines", "truces", "cote", "ceasefires", "санкция", "lala",
        "x", "y", "of", "rotation", "world", "powers", "cap", "sales", "gas", "the", "d", "ivoire", "multi",
        "polar", "cease", "fire", "la", "2024", "½", "ﬁscal", "ＡＸＩＳ", "Nato", "nato"};
    private static final String[] SOFT_GAPS = {" ", " ", " ", "  ", "-", "\u2010", "\u2011", "\u2013", "\u2014",
        "\u2212", "'", "\u2019", " - ", "\t", "\u00A0", "\u2009", "\u00AD", "\u200B"};
    private static final String[] HARD_GAPS = {", ", ". ", "\n", "/", "\"", " (", "; ", "\u201C", "\u00AB ", "!"};
    private static final String[] QUOTES = {"\u201C%s\u201D", "\u00AB%s\u00BB", "'%s'", "\u2018%s\u2019", "(%s)",
        "%s's", "%s\u2019s", "\"%s\""};

    @Test
    void matcherAgreesWithTheReferenceCounterOnSixThousandGeneratedTexts() throws Exception {
        Lexicon lexicon = Lexicon.load(Path.of(getClass().getResource("/topics/randomized-lexicon.yaml").toURI()));
        TopicMatcher matcher = new TopicMatcher(lexicon);
        ReferenceCounter reference = new ReferenceCounter(lexicon);
        List<String> phrases = new ArrayList<>();
        List<Boolean> caseSensitive = new ArrayList<>();
        for (Lexicon.Topic topic : lexicon.topics()) {
            for (Lexicon.Term term : topic.terms()) {
                for (String form : term.forms()) {
                    phrases.add(form);
                    caseSensitive.add(term.caseSensitive());
                }
                term.exclude().forEach(e -> {
                    phrases.add(e);
                    caseSensitive.add(false);
                });
            }
            topic.exclude().forEach(e -> {
                phrases.add(e);
                caseSensitive.add(false);
            });
        }
        int texts = 0;
        long mentionsSeen = 0;
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (int n = 0; n < TEXTS_PER_SEED; n++) {
                String title = generate(random, phrases, caseSensitive, 1 + random.nextInt(6), false);
                String text = generate(random, phrases, caseSensitive, 5 + random.nextInt(60), true);
                MatchResult result = matcher.match(title, text);
                Map<String, List<Integer>> engine = new TreeMap<>();
                for (Mention m : result.mentions()) {
                    engine.put(m.topic() + "|" + m.term(), List.of(m.inTitle(), m.inLead(), m.inBody()));
                    mentionsSeen += m.count();
                }
                String context = "seed " + seed + " text " + n + "\ntitle: " + title + "\ntext: " + text;
                assertEquals(reference.count(title, text), engine, context);
                assertEquals(ReferenceCounter.countTokens(title), result.titleTokens(), context);
                assertEquals(ReferenceCounter.countTokens(text), result.textTokens(), context);
                texts++;
            }
        }
        assertEquals(SEEDS.length * TEXTS_PER_SEED, texts);
        assertTrue(mentionsSeen > texts, "generated texts should be rich in mentions, saw " + mentionsSeen);
    }

    private static String generate(Random random, List<String> phrases, List<Boolean> caseSensitive, int pieces,
                                   boolean paragraphs) {
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < pieces; p++) {
            if (p > 0) {
                int roll = random.nextInt(10);
                if (paragraphs && roll == 0) {
                    out.append(".\n\n");
                } else if (roll < 3) {
                    out.append(pick(random, HARD_GAPS));
                } else {
                    out.append(pick(random, SOFT_GAPS));
                }
            }
            String piece;
            if (random.nextInt(3) == 0) {
                piece = pick(random, DISTRACTORS);
            } else {
                int index = random.nextInt(phrases.size());
                piece = rewrite(random, phrases.get(index), caseSensitive.get(index));
            }
            if (random.nextInt(8) == 0) {
                piece = String.format(pick(random, QUOTES), piece);
            }
            out.append(piece);
        }
        return out.toString();
    }

    /** The phrase with random gaps between its words, random case, and now and then an invisible char inside. */
    private static String rewrite(Random random, String phrase, boolean caseSensitive) {
        StringBuilder out = new StringBuilder();
        boolean exactCase = caseSensitive ? random.nextInt(4) != 0 : random.nextInt(3) == 0;
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            if (c == ' ' || c == '-' || c == '\'') {
                int roll = random.nextInt(12);
                out.append(roll == 0 ? pick(random, HARD_GAPS) : pick(random, SOFT_GAPS));
                continue;
            }
            if (!exactCase) {
                c = random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c);
            }
            if (c == 'ô' && random.nextInt(3) == 0) {
                out.append("o\u0302");
            } else {
                out.append(c);
            }
            if (i + 1 < phrase.length() && random.nextInt(40) == 0) {
                out.append(random.nextBoolean() ? '\u00AD' : '\u200B');
            }
        }
        return out.toString();
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
