package io.topicpulse.topics;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LexiconTest {

    private static final String SIMPLE = """
            version: 1
            topics:
              axis:      { terms: [axis], exclude: [x-axis, axis of rotation] }
              sanctions: { terms: [sanction, sanctions, sanctioned] }
            """;

    private static String failure(String yaml) {
        return assertThrows(LexiconException.class, () -> Lexicon.parse(yaml, "jobs/x.yaml")).getMessage();
    }

    @Test
    void readsTheSimpleForm() {
        Lexicon lexicon = Lexicon.parse("topics: { axis: { terms: [axis] } }", "inline");
        assertEquals(1, lexicon.topics().size());
        Lexicon.Topic axis = lexicon.topics().get(0);
        assertEquals("axis", axis.name());
        assertEquals(List.of(new Lexicon.Term("axis", List.of(), false, false, null, List.of())), axis.terms());
        assertNull(lexicon.version());
    }

    @Test
    void readsPerTermOptionsAndTopicDefaults() {
        Lexicon lexicon = Lexicon.parse("""
                language: en
                topics:
                  alliance:
                    terms:
                      - { term: NATO, case_sensitive: true }
                      - { term: alliance, variants: [alliances], stem: true, exclude: [alliance bank] }
                  sanctions:
                    language: ru
                    terms: [санкции]
                """, "inline");
        Lexicon.Term nato = lexicon.topics().get(0).terms().get(0);
        assertTrue(nato.caseSensitive());
        assertEquals("en", nato.language());
        Lexicon.Term alliance = lexicon.topics().get(0).terms().get(1);
        assertEquals(List.of("alliance", "alliances"), alliance.forms());
        assertTrue(alliance.stem());
        assertEquals(List.of("alliance bank"), alliance.exclude());
        assertEquals("ru", lexicon.topics().get(1).terms().get(0).language());
    }

    @Test
    void theDefaultLexiconLoadsWithItsVersion() {
        Lexicon lexicon = Lexicon.load(Path.of("jobs/lexicon.yaml"));
        assertEquals("1", lexicon.version());
        assertTrue(lexicon.topics().stream().map(Lexicon.Topic::name).toList()
                .containsAll(List.of("axis", "sanctions", "multipolar")));
        assertEquals(64, lexicon.contentHash().length());
    }

    @Test
    void theHashDependsOnMeaningNotOnLayoutOrderOrVersion() throws Exception {
        Lexicon inline = Lexicon.parse(SIMPLE, "inline");
        Lexicon reordered = Lexicon.load(Path.of(getClass().getResource("/topics/reordered-lexicon.yaml").toURI()));
        assertEquals(inline.contentHash(), reordered.contentHash());
        assertNotEquals(inline.version(), reordered.version());
        Lexicon changed = Lexicon.parse(SIMPLE.replace("sanctioned", "sanctioning"), "inline");
        assertNotEquals(inline.contentHash(), changed.contentHash());
        Lexicon caseSensitive = Lexicon.parse(SIMPLE.replace("terms: [axis]",
                "terms: [{ term: axis, case_sensitive: true }]"), "inline");
        assertNotEquals(inline.contentHash(), caseSensitive.contentHash());
    }

    @Test
    void emptyTermsAreRejectedNamingTheTopicAndFile() {
        assertEquals("lexicon jobs/x.yaml: topic 'axis': 'terms' must be a non-empty list",
                failure("topics: { axis: { terms: [] } }"));
        assertTrue(failure("topics: { axis: { terms: [\"  \"] } }").contains("topic 'axis': term: empty term"));
    }

    @Test
    void unknownKeysAreRejected() {
        String message = failure("topics: { axis: { terms: [axis], exlude: [x-axis] } }");
        assertTrue(message.startsWith("lexicon jobs/x.yaml: topic 'axis': unknown key 'exlude'"), message);
        assertTrue(failure("topic: { axis: [axis] }").contains("unknown key 'topic'"));
        assertTrue(failure("topics: { axis: { terms: [{ term: axis, casesensitive: true }] } }")
                .contains("unknown key 'casesensitive'"));
    }

    @Test
    void duplicateTopicsAreRejected() {
        String message = failure("topics:\n  axis: [axis]\n  axis: [axes]\n");
        assertTrue(message.startsWith("lexicon jobs/x.yaml: not valid YAML") && message.contains("axis"), message);
    }

    @Test
    void formsThatMatchTheSameWordsTwiceAreRejected() {
        String message = failure("topics: { ceasefire: [cease-fire, Cease Fire] }");
        assertTrue(message.contains("topic 'ceasefire': 'Cease Fire' matches the same words as 'cease-fire'"),
                message);
    }

    @Test
    void badOptionValuesAreRejected() {
        assertTrue(failure("topics: { a: { terms: [{ term: a, case_sensitive: yes please }] } }")
                .contains("term 'a': 'case_sensitive' must be true or false"));
        assertTrue(failure("topics: { a: { terms: [a], language: English } }")
                .contains("topic 'a': bad language \"English\""));
        assertTrue(failure("topics: { a: { terms: [{ term: a, stem: true }] } }")
                .contains("'stem: true' needs a 'language'"));
        assertTrue(failure("topics: { a: { terms: [{ term: a, stem: true, language: xx }] } }")
                .contains("no stemmer for language 'xx'"));
        assertTrue(failure("topics: { a: { terms: [\"c++\"] } }").contains("'+' cannot be matched"));
        assertTrue(failure("topics: { a: { terms: [\"oil, price\"] } }").contains("',' cannot be matched"));
    }

    @Test
    void brokenYamlIsReportedWithItsLine() {
        String message = failure("topics:\n  axis: [axis\n  other: x\n");
        assertTrue(message.startsWith("lexicon jobs/x.yaml: not valid YAML"), message);
        assertTrue(message.contains("(line "), message);
    }

    @Test
    void missingTopicsAreRejected() {
        assertTrue(failure("").contains("empty file"));
        assertTrue(failure("version: 3").contains("'topics' must be a non-empty mapping"));
        assertFalse(failure("- a\n- b").isEmpty());
    }
}
