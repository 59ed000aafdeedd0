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
        // ASCII with every non-ASCII char the one-pass path accepts and some it must hand on (letters, marks,
        // ligatures, circled letters, surrogates), in random order.
        StringBuilder pool = new StringBuilder("aZ09 .,;:-'\"\n\t\u00e9\u0301\u00df\u03a3\ufb01\u24b6\ud83d\ude00");
        for (char c = 0x80; c < 0x3000; c++) {
            if (!Character.isLetterOrDigit(c)) {
                pool.append(c);
            }
        }
        java.util.Random random = new java.util.Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            boolean plainOnly = n % 2 == 0;
            for (int i = random.nextInt(12); i >= 0; i--) {
                char c = pool.charAt(random.nextInt(pool.length()));
                text.append(plainOnly && c >= 0x80 && Character.getType(c) != Character.SPACE_SEPARATOR
                        ? 'x' : c).append(random.nextBoolean() ? "Ab" : "");
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
