package io.topicpulse.dedup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextFingerprintTest {

    @Test
    void foldsCaseQuotesDashesAndSpacing() {
        String original = "The \u201cnew\u201d sanctions \u2014 announced on Monday \u2014 take effect today.";
        String copy = "the \"NEW\" sanctions - announced on monday -\n\ntake  effect today";
        assertEquals(TextFingerprint.exact(original), TextFingerprint.exact(copy));
    }

    @Test
    void foldsCompatibilityFormsAndSharpS() {
        assertEquals("strasse 2 fi", TextFingerprint.normalize("STRA\u00dfE \u2082 \ufb01"));
    }

    @Test
    void keepsCombiningMarksInsideWords() {
        assertEquals("नमस्ते दुनिया", TextFingerprint.normalize("नमस्ते, दुनिया!"));
    }

    @Test
    void tellsDifferentWordsApart() {
        assertNotEquals(TextFingerprint.exact("Prices rose in May."), TextFingerprint.exact("Prices fell in May."));
    }

    @Test
    void normalisesPlainTextInOnePassExactlyAsTheFullPathDoes() {
        // Random texts of the chars the one-pass path takes (every one of them, in turn), mixed with ASCII and with
        // chars it must hand on (marks, sigma, ligatures, circled letters, jamo, surrogates).
        StringBuilder plain = new StringBuilder();
        for (char c = 0x80; c < Character.MAX_VALUE; c++) {
            if (TextFingerprint.isPlain(c)) {
                plain.append(c);
            }
        }
        String others = "aZ09 .,;:-'\"\n\t\u0301\u0308\u03a3\u03c3\u03c2\ufb01\u24b6\u1161\u11a8\ud83d\ude00\u0130\u00df";
        java.util.Random random = new java.util.Random(11);
        for (int n = 0; n < plain.length() * 2; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(8); i >= 0; i--) {
                text.append(n % 2 == 0 ? plain.charAt(n / 2) : plain.charAt(random.nextInt(plain.length())));
                if (random.nextInt(3) == 0) {
                    text.append(others.charAt(random.nextInt(n % 4 == 1 ? others.length() : 9)));
                }
            }
            String t = text.toString();
            assertEquals(TextFingerprint.fullNormalize(t), TextFingerprint.normalize(t), () -> t.chars()
                    .mapToObj(c -> Integer.toHexString(c)).toList().toString());
        }
    }

    @Test
    void normalisesRealArticleTextsExactlyAsTheFullPathDoes() throws Exception {
        java.nio.file.Path truth = io.topicpulse.SharedData.dir("extraction").resolve("wcxb-dev-articles/truth.jsonl");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : java.nio.file.Files.readAllLines(truth)) {
            String body = json.readTree(line).path("body").asText("");
            assertEquals(TextFingerprint.fullNormalize(body), TextFingerprint.normalize(body));
        }
    }

    @Test
    void refusesNullText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextFingerprint.exact(null));
        assertEquals("text must not be null", e.getMessage());
    }
}
