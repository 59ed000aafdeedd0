package io.topicpulse.dedup;

import io.topicpulse.Digests;
import java.text.Normalizer;
import java.util.Locale;

/** Normalises article text so trivially different copies compare equal, and hashes it for exact-duplicate detection. */
public final class TextFingerprint {

    private TextFingerprint() {
    }

    /**
     * The text in NFKC, case-folded, with every run of punctuation, symbols and whitespace replaced by one space
     * and no leading or trailing space; copies differing only in quotes, dashes, spacing or case become equal.
     */
    public static String normalize(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        // Upper then lower approximates full case folding (ß -> ss, final sigma) without ICU.
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        boolean pendingSpace = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) || isWordMark(cp)) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.appendCodePoint(cp);
            } else {
                pendingSpace = true;
            }
        }
        return out.toString();
    }

    /** Hex SHA-256 of {@link #normalize(String) the normalised text}: equal for exact duplicates. */
    public static String exact(String text) {
        return Digests.sha256Hex(normalize(text));
    }

    // Combining marks belong to the letter before them (Devanagari vowel signs, Hebrew points survive NFKC).
    private static boolean isWordMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
