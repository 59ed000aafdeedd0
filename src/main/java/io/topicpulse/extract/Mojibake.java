package io.topicpulse.extract;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Repairs UTF-8 text that was decoded once as Latin-1 or windows-1252 before the page was written ("Investorâ€™s"
 * for "Investor’s"), as pages copied through a misconfigured CMS carry it in their very source, where no charset
 * detection can help.
 *
 * <p>Conservative, like ftfy's core fix: only a lead character followed by the right number of continuation
 * characters that decode as strict UTF-8 to a letter or punctuation of the Latin, general-punctuation, currency or
 * letter-like blocks is replaced; anything else is left as it is.
 */
public final class Mojibake {

    /** windows-1252 characters for the bytes 0x80-0x9F, where Latin-1 has control characters. */
    private static final String CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

    private Mojibake() {
    }

    /** The text with its mojibake sequences decoded; the same instance when it has none. */
    public static String repair(String s) {
        if (s == null || !hasCandidate(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int length = sequenceLength(s.charAt(i));
            String decoded = length > 0 ? decode(s, i, length) : null;
            if (decoded != null) {
                out.append(decoded);
                i += length;
            } else {
                out.append(s.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private static boolean hasCandidate(String s) {
        for (int i = 0; i + 1 < s.length(); i++) {
            // Nearly every character is below the lowest lead byte: one compare each for the bulk of the text.
            char c = s.charAt(i);
            if (c >= 0xC2 && sequenceLength(c) > 0 && continuationByte(s.charAt(i + 1)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The UTF-8 sequence length a lead byte read as Latin-1 starts, or 0. */
    private static int sequenceLength(char c) {
        if (c >= 0xC2 && c <= 0xDF) {
            return 2;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            return 3;
        }
        return c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    }

    /** The byte 0x80-0xBF a character stands for when read as Latin-1 or windows-1252, or -1. */
    private static int continuationByte(char c) {
        if (c >= 0x80 && c <= 0xBF) {
            return c;
        }
        int high = CP1252_HIGH.indexOf(c);
        return high >= 0 ? 0x80 + high : -1;
    }

    private static String decode(String s, int start, int length) {
        if (start + length > s.length()) {
            return null;
        }
        byte[] bytes = new byte[length];
        bytes[0] = (byte) s.charAt(start);
        for (int k = 1; k < length; k++) {
            int b = continuationByte(s.charAt(start + k));
            if (b < 0) {
                return null;
            }
            bytes[k] = (byte) b;
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = strict.decode(ByteBuffer.wrap(bytes));
            int cp = Character.codePointAt(chars, 0);
            return plausible(cp) ? chars.toString() : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Where real text of news pages lies; other decodings are more likely real Latin-1 text than mojibake. */
    private static boolean plausible(int cp) {
        return (cp >= 0xA0 && cp <= 0x24F) || (cp >= 0x2010 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF)
                || (cp >= 0x2100 && cp <= 0x214F);
    }
}
