package io.topicpulse.aggregate;

import java.time.LocalDate;
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

    private final Map<LocalDate, DayTerms> byDay = new TreeMap<>();

    /** Adds one article of {@code day}, given its term counts. */
    public void add(LocalDate day, Map<String, Integer> articleCounts) {
        Objects.requireNonNull(day, "day");
        DayTerms terms = byDay.computeIfAbsent(day, d -> new DayTerms());
        articleCounts.forEach((term, count) -> terms.plus(term, count, 1));
    }

    /**
     * Adds the totals of other articles (none of them counted here already). {@code other} is taken over and must
     * not be used afterwards: each day's smaller side is added into the larger, whichever that is, so merging the
     * totals of a night's parts does not copy the larger vocabulary.
     */
    public void addAll(TermTotals other) {
        other.byDay.forEach((day, terms) -> {
            DayTerms into = byDay.get(day);
            if (into == null) {
                byDay.put(day, terms);
                return;
            }
            DayTerms larger = into.size() >= terms.size() ? into : terms;
            DayTerms smaller = larger == into ? terms : into;
            smaller.forEach(larger::plus);
            byDay.put(day, larger);
        });
        other.byDay.clear();
    }

    /** Every term of every day that occurs at least {@code minCount} times that day, day by day. */
    public void forEachAtLeast(long minCount, RowSink sink) {
        byDay.forEach((day, terms) -> terms.forEach((term, count, articles) -> {
            if (count >= minCount) {
                sink.accept(day, term, count, articles);
            }
        }));
    }

    /**
     * One day's terms and their two sums, in parallel arrays probed linearly. A day of a few thousand articles
     * holds hundreds of thousands of terms and each article adds a thousand counts: a map of nodes and boxed sums
     * spent its time allocating them and chasing pointers.
     */
    private static final class DayTerms {

        private interface Sums {
            void accept(String term, long count, long articles);
        }

        private String[] terms = new String[1 << 10];
        private int[] hashes = new int[1 << 10];
        private long[] counts = new long[1 << 10];
        private long[] articles = new long[1 << 10];
        private int size;

        int size() {
            return size;
        }

        void plus(String term, long count, long articlesWith) {
            int hash = spread(term.hashCode());
            int mask = terms.length - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                String held = terms[i];
                if (held == null) {
                    terms[i] = term;
                    hashes[i] = hash;
                    counts[i] = count;
                    articles[i] = articlesWith;
                    // At most 5/8 full: linear probing stays short.
                    if (++size * 8 > terms.length * 5) {
                        grow();
                    }
                    return;
                }
                if (hashes[i] == hash && held.equals(term)) {
                    counts[i] += count;
                    articles[i] += articlesWith;
                    return;
                }
            }
        }

        void forEach(Sums sums) {
            for (int i = 0; i < terms.length; i++) {
                if (terms[i] != null) {
                    sums.accept(terms[i], counts[i], articles[i]);
                }
            }
        }

        private void grow() {
            String[] oldTerms = terms;
            int[] oldHashes = hashes;
            long[] oldCounts = counts;
            long[] oldArticles = articles;
            int capacity = oldTerms.length * 2;
            terms = new String[capacity];
            hashes = new int[capacity];
            counts = new long[capacity];
            articles = new long[capacity];
            int mask = capacity - 1;
            for (int j = 0; j < oldTerms.length; j++) {
                if (oldTerms[j] != null) {
                    int i = oldHashes[j] & mask;
                    while (terms[i] != null) {
                        i = (i + 1) & mask;
                    }
                    terms[i] = oldTerms[j];
                    hashes[i] = oldHashes[j];
                    counts[i] = oldCounts[j];
                    articles[i] = oldArticles[j];
                }
            }
        }

        /** The hash with its bits mixed, so that similar strings do not crowd neighbouring slots. */
        private static int spread(int h) {
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            return h ^ (h >>> 13);
        }
    }
}
