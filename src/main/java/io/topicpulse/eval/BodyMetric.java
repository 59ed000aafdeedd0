package io.topicpulse.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body-text metric of the scrapinghub article-extraction-benchmark: 4-word shingle matching.
 *
 * <p>Tokens are the Unicode {@code \w+} runs of a text, case kept. A text of n ≥ 4 tokens has the n−3 shingles
 * of 4 consecutive tokens; a text of 1 to 3 tokens has one shingle made of all its tokens; an empty text has none
 * (as in the benchmark's {@code _ngrams}). Shingles are compared as multisets: TP = Σ min(true, pred),
 * FP = Σ max(0, pred − true), FN = Σ max(0, true − pred). When both texts have no shingle the page counts as a
 * perfect match (TP = 1). Precision is 0 when TP + FP = 0 (nothing predicted), recall is 0 when TP + FN = 0
 * (the truth is empty but something was predicted): an empty prediction for a non-empty truth scores 0 and 0.
 */
public final class BodyMetric {

    private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int SHINGLE = 4;

    private BodyMetric() {
    }

    /** Shingle counts of one page. */
    public record Match(int tp, int fp, int fn) {

        public double precision() {
            return tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
        }
    }

    /** The {@code \w+} tokens of {@code text} in order; empty for null. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Multiset of shingles, each shingle its tokens joined by a space (tokens never contain one). */
    static Map<String, Integer> shingles(String text) {
        List<String> tokens = tokens(text);
        Map<String, Integer> counts = new HashMap<>();
        int n = Math.max(1, tokens.size() - SHINGLE + 1);
        for (int i = 0; i < n && i < tokens.size(); i++) {
            String shingle = String.join(" ", tokens.subList(i, Math.min(tokens.size(), i + SHINGLE)));
            counts.merge(shingle, 1, Integer::sum);
        }
        return counts;
    }

    /** Compares a predicted body with the true one. */
    public static Match match(String truth, String predicted) {
        Map<String, Integer> t = shingles(truth);
        Map<String, Integer> p = shingles(predicted);
        if (t.isEmpty() && p.isEmpty()) {
            return new Match(1, 0, 0);
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Map.Entry<String, Integer> e : t.entrySet()) {
            int pc = p.getOrDefault(e.getKey(), 0);
            tp += Math.min(e.getValue(), pc);
            fn += Math.max(0, e.getValue() - pc);
        }
        for (Map.Entry<String, Integer> e : p.entrySet()) {
            fp += Math.max(0, e.getValue() - t.getOrDefault(e.getKey(), 0));
        }
        return new Match(tp, fp, fn);
    }

    /** Exact match: the two texts have the same token sequence (so whitespace and punctuation differences are ignored). */
    public static boolean exact(String truth, String predicted) {
        return tokens(truth).equals(tokens(predicted));
    }

    /** Harmonic mean; 0 when both are 0. */
    public static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }
}
