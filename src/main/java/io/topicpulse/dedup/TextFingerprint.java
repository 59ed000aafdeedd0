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
     * {@link #normalize} in one pass for a text of {@link Plain plain chars} only (most pages in most scripts, curly
     * quotes and dashes included), each char looked up as NFKC and case folding leave it; null for any other text
     * (combining marks, compatibility forms, Greek sigma, chars outside the BMP), which takes the full path.
     */
    private static String plainNormalize(String text) {
        String[] folded = Plain.FOLDED;
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String fold = null;
            boolean word;
            if (c < 0x80) {
                word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
            } else {
                fold = folded[c];
                if (fold == null) {
                    return null;
                }
                word = !fold.isEmpty();
            }
            if (!word) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && out.length() > 0) {
                out.append(' ');
            }
            pendingSpace = false;
            if (fold != null) {
                out.append(fold);
            } else {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
        }
        return out.toString();
    }

    /**
     * Non-ASCII BMP chars that {@link #fullNormalize} treats alike wherever they stand, by what it makes of each: ""
     * for a separator (neither letter, digit nor mark, before or after NFKC: a no-break space, an ellipsis), the
     * case-folded letters for a letter or digit that NFKC leaves alone and that cannot compose with the char before
     * it; null for the others.
     */
    private static final class Plain {
        static final String[] FOLDED = build();

        private static String[] build() {
            String[] table = new String[Character.MAX_VALUE + 1];
            for (int c = 0x80; c <= Character.MAX_VALUE; c++) {
                String one = String.valueOf((char) c);
                if (Character.isSurrogate((char) c) || Character.getType(c) == Character.UNASSIGNED) {
                    continue;
                }
                String fold = one.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
                if (isSeparatorOnly(one) && isSeparatorOnly(Normalizer.normalize(one, Normalizer.Form.NFKC))
                        && fold.equals(one)) {
                    table[c] = "";
                } else if (Character.isLetterOrDigit(c) && Normalizer.isNormalized(one, Normalizer.Form.NFKC)
                        && !(c >= 0x1100 && c <= 0x11FF) && !fold.contains("\u03c3") && !fold.contains("\u03c2")
                        && isWordOnly(fold)) {
                    // Hangul jamo compose with the syllable before; a sigma's lower case depends on what follows.
                    table[c] = fold;
                }
            }
            return table;
        }

        private static boolean isSeparatorOnly(String s) {
            return s.codePoints().noneMatch(cp -> Character.isLetterOrDigit(cp) || isWordMark(cp));
        }

        private static boolean isWordOnly(String s) {
            return s.codePoints().allMatch(cp -> Character.isLetterOrDigit(cp) || isWordMark(cp));
        }
    }

    /** True for a char that {@link #normalize} handles in its one-pass path. */
    static boolean isPlain(char c) {
        return c < 0x80 || Plain.FOLDED[c] != null;
    }

    // Combining marks belong to the letter before them (Devanagari vowel signs, Hebrew points survive NFKC).
    private static boolean isWordMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
