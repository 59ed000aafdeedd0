package io.topicpulse.aggregate;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * term_daily's sums before the threshold: per day and term, the occurrences in that day's articles and the
 * articles containing it. Filled one article at a time; totals of disjoint sets of articles merge.
 */
public final class TermTotals {

    /** A term's totals on one day. */
    public interface RowSink {
        void accept(LocalDate day, String term, long count, long articles);
    }

    private final Map<LocalDate, Map<String, long[]>> byDay = new TreeMap<>();

    /** Adds one article of {@code day}, given its term counts. */
    public void add(LocalDate day, Map<String, Integer> articleCounts) {
        Objects.requireNonNull(day, "day");
        Map<String, long[]> terms = day(day);
        articleCounts.forEach((term, count) -> plus(terms, term, count, 1));
    }

    /**
     * Adds the totals of other articles (none of them counted here already). {@code other} is taken over and must
     * not be used afterwards: each day's smaller side is added into the larger, whichever that is, so merging the
     * totals of a night's parts does not copy the larger vocabulary.
     */
    public void addAll(TermTotals other) {
        other.byDay.forEach((day, terms) -> {
            Map<String, long[]> into = byDay.get(day);
            if (into == null) {
                byDay.put(day, terms);
                return;
            }
            Map<String, long[]> larger = into.size() >= terms.size() ? into : terms;
            Map<String, long[]> smaller = larger == into ? terms : into;
            smaller.forEach((term, n) -> plus(larger, term, n[0], n[1]));
            byDay.put(day, larger);
        });
        other.byDay.clear();
    }

    private Map<String, long[]> day(LocalDate day) {
        return byDay.computeIfAbsent(day, d -> new HashMap<>());
    }

    private static void plus(Map<String, long[]> terms, String term, long count, long articles) {
        long[] sum = terms.computeIfAbsent(term, k -> new long[2]);
        sum[0] += count;
        sum[1] += articles;
    }

    /** Every term of every day that occurs at least {@code minCount} times that day, day by day. */
    public void forEachAtLeast(long minCount, RowSink sink) {
        byDay.forEach((day, terms) -> terms.forEach((term, n) -> {
            if (n[0] >= minCount) {
                sink.accept(day, term, n[0], n[1]);
            }
        }));
    }
}
