package io.topicpulse.topics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerTest {

    private static List<String> folded(String text) {
        Tokens tokens = Tokenizer.tokenize(text);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            words.add(tokens.folded(i));
        }
        return words;
    }

    @Test
    void splitsOnPunctuationAndFoldsCase() {
        assertEquals(List.of("the", "axis", "held", "2024"), folded("The AXIS held, (2024)."));
    }

    @Test
    void readsAnyScriptAndCombiningMarks() {
        assertEquals(List.of("санкции", "ввели", "côte", "d", "ivoire", "κυρώσεις"),
                folded("Санкции ввели; Côte d’Ivoire — ΚΥΡΏΣΕΙΣ"));
        assertEquals(List.of("caf\u00e9"), folded("Cafe\u0301"), "a decomposed accent reads as the composed letter");
    }

    @Test
    void joinsWordsSeparatedBySpacesHyphensAndApostrophesOnly() {
        Tokens tokens = Tokenizer.tokenize("multi\u2011polar multi polar, world\nnext O’Brien");
        assertEquals(8, tokens.size());
        assertFalse(tokens.joinedToPrevious(0));
        assertTrue(tokens.joinedToPrevious(1), "non-breaking hyphen joins");
        assertTrue(tokens.joinedToPrevious(2), "space joins");
        assertFalse(tokens.joinedToPrevious(4), "a comma breaks");
        assertFalse(tokens.joinedToPrevious(5), "a line break breaks");
        assertTrue(tokens.joinedToPrevious(7), "a curly apostrophe joins");
    }

    @Test
    void treatsEveryDashAndMinusAsAHyphen() {
        for (char dash : new char[] {'-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212'}) {
            Tokens tokens = Tokenizer.tokenize("cease" + dash + "fire");
            assertEquals(2, tokens.size());
            assertTrue(tokens.joinedToPrevious(1), "U+" + Integer.toHexString(dash));
        }
    }

    @Test
    void removesSoftHyphensAndZeroWidthCharactersInsideWords() {
        assertEquals(List.of("multipolar"), folded("multi\u00ADpolar"));
        assertEquals(List.of("sanctions"), folded("sanc\u200Btions"));
    }

    @Test
    void normalisesCompatibilityFormsWithNfkc() {
        assertEquals(List.of("fiscal", "axis"), folded("\uFB01scal \uFF21\uFF38\uFF29\uFF33"));
    }

    @Test
    void keepsTheSurfaceFormForCaseSensitiveMatching() {
        Tokens tokens = Tokenizer.tokenize("NATO's plan");
        assertEquals("NATO", tokens.surface(0));
        assertEquals("nato", tokens.folded(0));
        assertEquals("s", tokens.folded(1));
    }

    @Test
    void countsTheSameTokensItReturns() {
        String text = "A \u00ADb-c, d\n\ne’f 12 ½ 中文 ";
        assertEquals(Tokenizer.tokenize(text).size(), Tokenizer.count(text));
        assertEquals(0, Tokenizer.count(null));
        assertEquals(0, Tokenizer.tokenize("").size());
    }

    @Test
    void normalisesStretchByStretchAsIfTheWholeTextWereNormalised() {
        String hindi = "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e ";
        List<String> samples = List.of(
                "Cafe\u0301 and re\u0301sume\u0301, \uD83D\uDE00 emoji\u2122 e\u200B\u0301",
                "\u1100\u1161\u11A8 jamo \uFB01 \u00BD \u2474 \u00AD x",
                hindi.repeat(100) + "Cafe\u0301",
                "\u0301 starts with a mark and ends with one e\u0301");
        for (String sample : samples) {
            String whole = java.text.Normalizer.normalize(sample.replaceAll("[\u00AD\u200B]", ""),
                    java.text.Normalizer.Form.NFKC);
            assertEquals(folded(whole), folded(sample), sample);
        }
    }
}
