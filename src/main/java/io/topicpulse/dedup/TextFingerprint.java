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
        String plain = plainNormalize(text);
        return plain != null ? plain : fullNormalize(text);
    }

    /** {@link #normalize} by NFKC and case folding of the whole text, then one pass: right for any text. */
    static String fullNormalize(String text) {
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
        return exactOfNormalized(normalize(text));
    }

    /** {@link #exact} of a text already {@link #normalize(String) normalised}. */
    public static String exactOfNormalized(String normalized) {
        return Digests.sha256Hex(normalized);
    }

    /**
     * {@link #normalize} in one pass for a text of ASCII and {@link Separators plain separators} only (most English
     * pages, curly quotes and dashes included), where NFKC and case folding do nothing but lower-case ASCII letters;
     * null for any other text, which takes the full path.
     */
    private static String plainNormalize(String text) {
        boolean[] separator = Separators.TABLE;
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean word;
            if (c < 0x80) {
                word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
            } else if (separator[c]) {
                word = false;
            } else {
                return null;
            }
            if (!word) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && out.length() > 0) {
                out.append(' ');
            }
            pendingSpace = false;
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }

    /**
     * Non-ASCII BMP chars that {@link #normalize} turns into a space whatever surrounds them: neither letter, digit
     * nor mark, without case mappings, and mapped by NFKC to such chars only (a no-break space, an ellipsis).
     */
    private static final class Separators {
        static final boolean[] TABLE = build();

        private static boolean[] build() {
            boolean[] table = new boolean[Character.MAX_VALUE + 1];
            for (int c = 0x80; c <= Character.MAX_VALUE; c++) {
                table[c] = !Character.isSurrogate((char) c) && Character.getType(c) != Character.UNASSIGNED
                        && isSeparatorOnly(Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFKC))
                        && isSeparatorOnly(String.valueOf((char) c));
            }
            return table;
        }

        private static boolean isSeparatorOnly(String s) {
            if (!s.toUpperCase(Locale.ROOT).equals(s) || !s.toLowerCase(Locale.ROOT).equals(s)) {
                return false;
            }
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                if (Character.isLetterOrDigit(cp) || isWordMark(cp)) {
                    return false;
                }
                i += Character.charCount(cp);
            }
            return true;
        }
    }

    // Combining marks belong to the letter before them (Devanagari vowel signs, Hebrew points survive NFKC).
    private static boolean isWordMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
