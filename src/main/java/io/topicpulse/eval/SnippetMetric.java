package io.topicpulse.eval;

import java.util.List;

/**
 * Pooled snippet counts over pages: TP = a {@code must_include} snippet found in the text, FN = one missing,
 * FP = a {@code must_exclude} snippet present, TN = one absent (not used by precision or recall).
 *
 * <p>A snippet is "found" when it is a substring of the text once every run of whitespace in both is made one
 * space and typographic quotes, apostrophes and dashes are made their ASCII forms (case and other punctuation
 * kept): benchmark snippets may stop in the middle of a word, so matching whole tokens would miss them, and
 * their quotes are not always the page's. Blank snippets are ignored.
 */
public final class SnippetMetric {

    private static final java.util.regex.Pattern WHITESPACE =
            java.util.regex.Pattern.compile("[\\s\\u00a0]+", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);

    private int tp;
    private int fn;
    private int fp;
    private int tn;

    /** Adds one page; returns the snippets of this page that counted against it (missing includes, present excludes). */
    public SnippetMisses add(String text, List<String> mustInclude, List<String> mustExclude) {
        String haystack = spaced(text);
        SnippetMisses misses = new SnippetMisses(new java.util.ArrayList<>(), new java.util.ArrayList<>());
        for (String s : mustInclude) {
            String needle = needle(s);
            if (needle == null) {
                continue;
            }
            if (haystack.contains(needle)) {
                tp++;
            } else {
                fn++;
                misses.missing().add(s);
            }
        }
        for (String s : mustExclude) {
            String needle = needle(s);
            if (needle == null) {
                continue;
            }
            if (haystack.contains(needle)) {
                fp++;
                misses.present().add(s);
            } else {
                tn++;
            }
        }
        return misses;
    }

    private static String needle(String snippet) {
        String s = spaced(snippet).strip();
        return s.isEmpty() ? null : s;
    }

    private static String spaced(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(switch (c) {
                case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u00b4' -> '\'';
                case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb' -> '"';
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> '-';
                default -> c;
            });
        }
        return WHITESPACE.matcher(b).replaceAll(" ");
    }

    /** The must_include snippets missing and the must_exclude snippets present on one page. */
    public record SnippetMisses(List<String> missing, List<String> present) {
    }

    public int truePositives() {
        return tp;
    }

    public int falseNegatives() {
        return fn;
    }

    public int falsePositives() {
        return fp;
    }

    public int trueNegatives() {
        return tn;
    }

    /** TP / (TP + FP); 0 when there is neither. */
    public double precision() {
        return tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
    }

    /** TP / (TP + FN); 0 when there is neither. */
    public double recall() {
        return tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
    }

    public double f1() {
        return BodyMetric.f1(precision(), recall());
    }
}
