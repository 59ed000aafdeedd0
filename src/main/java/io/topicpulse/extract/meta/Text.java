package io.topicpulse.extract.meta;

import java.util.Locale;

/** Small text helpers shared by the metadata finders. */
final class Text {

    private Text() {
    }

    /** Whitespace collapsed and trimmed; null stays null. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200b') {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A comparison key: cleaned, lower-cased, typographic quotes and dashes folded. */
    static String normalize(String s) {
        if (s == null) {
            return "";
        }
        String t = clean(s).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '\u2018', '\u2019', '\u201b', '\u2032', '`' -> out.append('\'');
                case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb' -> out.append('"');
                case '\u2013', '\u2014', '\u2012', '\u2212' -> out.append('-');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The cleaned value, or null when blank. */
    static String orNull(String s) {
        String t = clean(s);
        return t == null || t.isEmpty() ? null : t;
    }
}
