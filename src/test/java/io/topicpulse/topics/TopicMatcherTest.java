package io.topicpulse.topics;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicMatcherTest {

    private static final String DEFAULT_LEXICON = """
            topics:
              axis:        { terms: [axis], exclude: [x-axis, axis of rotation] }
              sanctions:   { terms: [sanction, sanctions, sanctioned] }
              multipolar:  { terms: [multipolar, multipolarity, multi-polar] }
            """;

    private static TopicMatcher matcher(String yaml) {
        return new TopicMatcher(Lexicon.parse(yaml, "test.yaml"));
    }

    private static Map<String, Integer> topics(String yaml, String text) {
        return matcher(yaml).match("", text).countsByTopic();
    }

    @Test
    void axisIsNotFoundInTaxisOrAxes() {
        assertEquals(Map.of(), topics(DEFAULT_LEXICON, "Taxis queued; the axes were sharpened; axis2 axisymmetric."));
        assertEquals(Map.of("axis", 2), topics(DEFAULT_LEXICON, "The Axis powers. AXIS!"));
    }

    @Test
    void multiPolarWithHyphenOrSpaceMatchesThePhrase() {
        MatchResult result = matcher(DEFAULT_LEXICON).match("",
                "A multi-polar world, a multi polar order, a multi\u2013polar age, a multipolar moment.");
        assertEquals(List.of(new Mention("multipolar", "multipolar", 0, 1, 0),
                new Mention("multipolar", "multi-polar", 0, 3, 0)), result.mentions());
    }

    @Test
    void phrasesDoNotMatchAcrossPunctuationOrLineBreaks() {
        assertEquals(Map.of(), topics(DEFAULT_LEXICON, "multi. Polar; multi,polar; multi\npolar; multi/polar"));
    }

    @Test
    void excludePhraseSuppressesTheTermInsideIt() {
        MatchResult result = matcher(DEFAULT_LEXICON).match("",
                "Plot it on the x-axis. The axis of rotation tilts. The Axis of evil speech.");
        assertEquals(List.of(new Mention("axis", "axis", 0, 1, 0)), result.mentions());
    }

    @Test
    void termLevelExcludeAppliesOnlyToItsTerm() {
        String yaml = """
                topics:
                  energy:
                    terms:
                      - { term: pipeline, exclude: [sales pipeline] }
                      - sales
                """;
        assertEquals(List.of(new Mention("energy", "sales", 0, 1, 0)),
                matcher(yaml).match("", "Our sales pipeline grew.").mentions());
    }

    @Test
    void caseSensitiveAcronymMatchesOnlyItsExactCase() {
        String yaml = """
                topics:
                  alliance: { terms: [{ term: NATO, case_sensitive: true }, alliance] }
                """;
        MatchResult result = matcher(yaml).match("NATO's summit", "Nato and nato differ from NATO.");
        assertEquals(List.of(new Mention("alliance", "NATO", 1, 1, 0)), result.mentions());
    }

    @Test
    void titleLeadAndBodyAreCountedApart() {
        MatchResult result = matcher(DEFAULT_LEXICON).match("New sanctions",
                "Sanctions, sanctions.\n\nMore sanctions.\n\nAnd a sanction.");
        assertEquals(List.of(new Mention("sanctions", "sanction", 0, 0, 1),
                new Mention("sanctions", "sanctions", 1, 2, 1)), result.mentions());
        assertEquals(2, result.titleTokens());
        assertEquals(7, result.textTokens());
    }

    @Test
    void cyrillicTermsMatchInTheSameTopicAsEnglishOnes() {
        String yaml = """
                topics:
                  sanctions:
                    terms: [sanctions, { term: санкции, language: ru }, { term: санкций, language: ru }]
                """;
        MatchResult result = matcher(yaml).match("САНКЦИИ", "Новые санкции и пакет санкций; sanctions.");
        assertEquals(List.of(new Mention("sanctions", "sanctions", 0, 1, 0),
                new Mention("sanctions", "санкции", 1, 1, 0),
                new Mention("sanctions", "санкций", 0, 1, 0)), result.mentions());
    }

    @Test
    void stemmedTermsMatchInflectedFormsInTheirLanguage() {
        String yaml = """
                topics:
                  sanctions:
                    stem: true
                    terms: [{ term: sanction, language: en }, { term: санкция, language: ru }]
                  tariffs: { terms: [{ term: import duty, stem: true, language: en }] }
                """;
        MatchResult result = matcher(yaml).match("", "Sanctioning, sanctions; санкции, санкциями. Import duties.");
        assertEquals(List.of(new Mention("sanctions", "sanction", 0, 2, 0),
                new Mention("sanctions", "санкция", 0, 2, 0),
                new Mention("tariffs", "import duty", 0, 1, 0)), result.mentions());
    }

    @Test
    void longestMatchWinsWithinATopicButTopicsCountIndependently() {
        String yaml = """
                topics:
                  energy: { terms: [oil, oil price, price] }
                  prices: { terms: [price] }
                """;
        MatchResult result = matcher(yaml).match("", "The oil price fell; oil rose; price held.");
        assertEquals(List.of(new Mention("energy", "oil", 0, 1, 0),
                new Mention("energy", "oil price", 0, 1, 0),
                new Mention("energy", "price", 0, 1, 0),
                new Mention("prices", "price", 0, 2, 0)), result.mentions());
    }

    @Test
    void variantsCountUnderTheirTerm() {
        String yaml = """
                topics:
                  ceasefire: { terms: [{ term: ceasefire, variants: [cease-fire, truce] }] }
                """;
        assertEquals(List.of(new Mention("ceasefire", "ceasefire", 0, 3, 0)),
                matcher(yaml).match("", "A ceasefire, a cease fire and a truce.").mentions());
    }

    @Test
    void apostropheVariantsAreTheSame() {
        String yaml = "topics: { ivory: { terms: [\"Côte d'Ivoire\"] } }";
        assertEquals(Map.of("ivory", 3), topics(yaml, "Côte d’Ivoire, CÔTE D'IVOIRE, côte d ivoire."));
    }

    @Test
    void survivesSerializationAndMatchesTheSameAfterwards() throws Exception {
        TopicMatcher original = new TopicMatcher(Lexicon.load(Path.of("jobs/lexicon.yaml")));
        original.match("warm up", "the trie is built now");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        assertTrue(bytes.size() < 16_384, "serialized size " + bytes.size());
        TopicMatcher copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (TopicMatcher) in.readObject();
        }
        String text = "Oil price and sanctions on the multi-polar axis; a cease-fire.";
        assertEquals(original.match("Tariffs", text), copy.match("Tariffs", text));
        assertEquals(original.lexicon().contentHash(), copy.lexicon().contentHash());
    }

    @Test
    void emptyAndNullTextsHaveNoMentions() {
        MatchResult result = matcher(DEFAULT_LEXICON).match(null, null);
        assertEquals(List.of(), result.mentions());
        assertEquals(0, result.totalTokens());
    }

    @Test
    void matchingTokensGivesTheSameResultAsMatchingText() {
        String title = "Sanctions on the axis";
        String text = "A multi-polar world.\n\nThe x-axis and the Axis.";
        assertEquals(matcher(DEFAULT_LEXICON).match(title, text),
                matcher(DEFAULT_LEXICON).matchTokens(Tokenizer.tokenize(title), Tokenizer.tokenize(text)));
    }
}
