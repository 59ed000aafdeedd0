package io.topicpulse.eval;

import java.util.List;

/**
 * Pooled snippet counts over pages: TP = a {@code must_include} snippet found in the text, FN = one missing,
 * FP = a {@code must_exclude} snippet present, TN = one absent (not used by precision or recall).
 *
 * <p>A snippet is "found" when its {@code \w+} token sequence occurs as a contiguous run of the text's token
 * sequence (case kept), so differences in whitespace and punctuation do not matter and "Home" does not match
 * inside "Homework". Empty snippets are ignored.
 */
public final class SnippetMetric {

    private int tp;
    private int fn;
    private int fp;
    private int tn;

    /** Adds one page; returns the snippets of this page that counted against it (missing includes, present excludes). */
    public SnippetMisses add(String text, List<String> mustInclude, List<String> mustExclude) {
        String haystack = " " + String.join(" ", BodyMetric.tokens(text)) + " ";
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
        List<String> tokens = BodyMetric.tokens(snippet);
        return tokens.isEmpty() ? null : " " + String.join(" ", tokens) + " ";
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
