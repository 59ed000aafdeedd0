package io.topicpulse.topics;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Splits text into words, for any script, in one pass over its chars.
 *
 * <p>The text is first normalised: invisible format characters (soft hyphen, zero-width space/joiners, word joiner,
 * BOM) are removed, so "multi\u00ADpolar" is one word, then the text is brought to Unicode NFKC, so ligatures,
 * full-width letters, decomposed accents and compatibility forms read as their plain letters. (To spare a full NFKC
 * pass over most texts, separators that NFKC would only swap for separators of the same kind, such as a no-break
 * space, may stay as they are in {@link Tokens#text()}: no token differs.)
 *
 * <p>A <b>token</b> is a maximal run of code points of the Unicode categories letter (L*), mark (M*) or number (N*).
 * Everything else separates tokens. Each token records whether it is <i>joined</i> to the one before: joined when
 * the characters between them are only spaces (not line breaks), hyphens of any kind ({@code -}, U+2010..U+2015,
 * U+2212, U+FE58, U+FE63, U+FF0D) and apostrophes ({@code '}, U+2018, U+2019, U+02BC, U+02BB). Any other character
 * between two tokens (a full stop, comma, quote, bracket, slash, line break...) is a break: phrases never match across
 * it. So "multi-polar", "multi polar" and "multi\u2011polar" are the same two joined tokens, "Russia's" is "russia"
 * joined to "s", and "oil, price" is two tokens with a break between. Scripts written without spaces (Chinese, Thai)
 * are not segmented: a run of such letters is one token.
 *
 * <p>Each token has a folded form (lower case with {@link Locale#ROOT}), used for case-insensitive matching and for
 * counting words, and its surface form as written (after normalisation), used for case-sensitive matching.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    /** Tokenizes {@code text}; null reads as empty. */
    public static Tokens tokenize(String text) {
        if (text == null || text.isEmpty()) {
            return scan("", false);
        }
        // Most texts are already normal: scan once, checking as we go, and normalise only when that fails.
        Tokens tokens = scan(text, true);
        return tokens != null ? tokens : scan(normalize(text), false);
    }

    /** The tokens of a normal text, or null when {@code checkNormal} finds a char that normalisation may change. */
    private static Tokens scan(String normal, boolean checkNormal) {
        boolean[] stable = StableChars.TABLE;
        char[] chars = normal.toCharArray();
        int length = chars.length;
        int capacity = Math.min(length / 2 + 1, 1024);
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        byte[] flags = new byte[capacity];
        int[] hashes = new int[capacity];
        int count = 0;
        boolean soft = false; // the gap since the last token holds only joiners
        int i = 0;
        while (i < length) {
            char c = chars[i];
            if (c >= 0x80 && checkNormal && !stable[c]) {
                return null;
            }
            int kind = c < 0x80 ? ASCII_KIND[c] : kind(chars, i);
            if (kind != WORD) {
                if (kind == BREAK) {
                    soft = false;
                }
                i += c < 0x80 ? 1 : Character.charCount(Character.codePointAt(chars, i));
                continue;
            }
            int start = i;
            int ascii = Tokens.ASCII;
            int hash = 0; // String.hashCode of the folded token, while it is ASCII
            while (i < length) {
                char next = chars[i];
                if (next < 0x80) {
                    if (ASCII_KIND[next] != WORD) {
                        break;
                    }
                    hash = 31 * hash + (next >= 'A' && next <= 'Z' ? next + 32 : next);
                    i++;
                } else {
                    if (checkNormal && !stable[next]) {
                        return null;
                    }
                    if (kind(chars, i) != WORD) {
                        break;
                    }
                    ascii = 0;
                    i += Character.charCount(Character.codePointAt(chars, i));
                }
            }
            if (count == starts.length) {
                int grown = count * 2;
                starts = Arrays.copyOf(starts, grown);
                ends = Arrays.copyOf(ends, grown);
                flags = Arrays.copyOf(flags, grown);
                hashes = Arrays.copyOf(hashes, grown);
            }
            hashes[count] = hash;
            starts[count] = start;
            ends[count] = i;
            flags[count] = (byte) (ascii | (count > 0 && soft ? Tokens.JOINED : 0));
            count++;
            soft = true;
        }
        return new Tokens(normal, starts, ends, flags, hashes, count);
    }

    /** Counts the tokens of {@code text} without keeping them; the same number as {@code tokenize(text).size()}. */
    public static int count(String text) {
        String normal = normalize(text);
        byte[] kinds = Kinds.TABLE;
        int count = 0;
        boolean inToken = false;
        for (int i = 0; i < normal.length(); ) {
            char c = normal.charAt(i);
            boolean word;
            if (Character.isSurrogate(c)) {
                int cp = normal.codePointAt(i);
                word = isWordChar(cp);
                i += Character.charCount(cp);
            } else {
                // The table, not Character.getType per char: most of a non-English text is non-ASCII.
                word = kinds[c] == WORD;
                i++;
            }
            if (word && !inToken) {
                count++;
            }
            inToken = word;
        }
        return count;
    }

    /** Removes invisible format characters and brings {@code text} to NFKC; null reads as empty. */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        // Most texts hold only chars that NFKC leaves alone and that cannot combine with the char before:
        // such a text is already normalised, and one cheap pass proves it.
        boolean[] stable = StableChars.TABLE;
        for (int i = 0; i < text.length(); i++) {
            if (!stable[text.charAt(i)]) {
                return fullNormalize(text, i);
            }
        }
        return text;
    }

    /**
     * Normalises only the stretches around unstable chars: each stretch starts at the stable char before (the base a
     * mark may compose with) and ends before the next stable char. A stable char never composes with what precedes
     * it, so normalising stretch by stretch gives the same text as normalising the whole.
     */
    private static String fullNormalize(String text, int firstUnstable) {
        boolean[] stable = StableChars.TABLE;
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int i = firstUnstable;
        int stretches = 0;
        while (i < text.length()) {
            if (stable[text.charAt(i)]) {
                i++;
                continue;
            }
            int from = i > copied && stable[text.charAt(i - 1)] ? i - 1 : i;
            int to = i + 1;
            while (to < text.length() && !stable[text.charAt(to)]) {
                to++;
            }
            if (++stretches > 64 && stretches * 8 > to) {
                // Mostly unstable text (a script written with combining marks): one pass over the rest is cheaper.
                out.append(text, copied, from);
                out.append(normalizeStretch(text.substring(from)));
                return out.toString();
            }
            out.append(text, copied, from);
            out.append(normalizeStretch(text.substring(from, to)));
            copied = to;
            i = to;
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    private static String normalizeStretch(String stretch) {
        String visible = stretch;
        for (int i = 0; i < stretch.length(); i++) {
            if (isIgnorable(stretch.charAt(i))) {
                visible = removeIgnorables(stretch, i);
                break;
            }
        }
        return Normalizer.normalize(visible, Normalizer.Form.NFKC);
    }

    /** Lower-cases a token the way every token is folded. */
    public static String fold(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return token.toLowerCase(Locale.ROOT);
            }
        }
        return token;
    }

    private static final byte BREAK = 0;
    private static final byte WORD = 1;
    private static final byte JOINER = 2;
    private static final byte[] ASCII_KIND = new byte[0x80];

    static {
        for (int c = 0; c < 0x80; c++) {
            ASCII_KIND[c] = isWordChar(c) ? WORD : isJoiner(c) ? JOINER : BREAK;
        }
    }

    /** The kind of every BMP char, looked up instead of asking {@code Character.getType} for each char. */
    private static final class Kinds {
        static final byte[] TABLE = build();

        private static byte[] build() {
            byte[] table = new byte[Character.MAX_VALUE + 1];
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                table[c] = isWordChar(c) ? WORD : isJoiner(c) ? JOINER : BREAK;
            }
            return table;
        }
    }

    private static int kind(char[] chars, int index) {
        char c = chars[index];
        if (!Character.isSurrogate(c)) {
            return Kinds.TABLE[c];
        }
        int cp = Character.codePointAt(chars, index);
        return isWordChar(cp) ? WORD : isJoiner(cp) ? JOINER : BREAK;
    }

    static boolean isWordChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
            case Character.NON_SPACING_MARK:
            case Character.COMBINING_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                return true;
            default:
                return false;
        }
    }

    /** Characters that may stand between the words of a phrase: spaces on one line, hyphens, apostrophes. */
    static boolean isJoiner(int cp) {
        switch (cp) {
            case ' ':
            case '\t':
            case '-':
            case '\'':
            case 0x2018:
            case 0x2019:
            case 0x02BB:
            case 0x02BC:
            case 0x2212:
            case 0xFE58:
            case 0xFE63:
            case 0xFF0D:
                return true;
            case '\n':
            case '\r':
            case 0x2028:
            case 0x2029:
                return false;
            default:
                return (cp >= 0x2010 && cp <= 0x2015) || Character.getType(cp) == Character.SPACE_SEPARATOR
                        || (cp < 0x20 && Character.isWhitespace(cp));
        }
    }

    /** BMP chars that NFKC maps to themselves and that never compose with the char before them. */
    private static final class StableChars {
        static final boolean[] TABLE = build();

        private static boolean[] build() {
            boolean[] table = new boolean[Character.MAX_VALUE + 1];
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                table[c] = c < 0xA0 || isStable((char) c);
            }
            return table;
        }

        private static boolean isStable(char c) {
            if (Character.isSurrogate(c) || isIgnorable(c) || (c >= 0x1100 && c <= 0x11FF)) {
                return false; // surrogates: checked as pairs by the full path; jamo: compose into Hangul syllables
            }
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || type == Character.UNASSIGNED) {
                return false;
            }
            String one = String.valueOf(c);
            return Normalizer.isNormalized(one, Normalizer.Form.NFKC) || isNeutral(c, one);
        }

        /**
         * True for a separator that NFKC only swaps for separators of the same kind (no-break space for a space,
         * non-breaking hyphen for a hyphen, ellipsis for full stops): leaving it as it is changes no token.
         */
        private static boolean isNeutral(char c, String one) {
            if (isWordChar(c)) {
                return false;
            }
            String mapped = Normalizer.normalize(one, Normalizer.Form.NFKC);
            for (int i = 0; i < mapped.length(); ) {
                int cp = mapped.codePointAt(i);
                if (isWordChar(cp) || isJoiner(cp) != isJoiner(c)) {
                    return false;
                }
                i += Character.charCount(cp);
            }
            return true;
        }
    }

    private static boolean isIgnorable(char c) {
        return c == 0x00AD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
    }

    private static String removeIgnorables(String text, int from) {
        StringBuilder visible = new StringBuilder(text.length());
        visible.append(text, 0, from);
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isIgnorable(c)) {
                visible.append(c);
            }
        }
        return visible.toString();
    }
}
