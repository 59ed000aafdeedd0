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
    void refusesNullText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextFingerprint.exact(null));
        assertEquals("text must not be null", e.getMessage());
    }
}
