package io.topicpulse.report;

import io.topicpulse.topics.TermCounter;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Ranks the words and phrases that rose on a day against the days before it (term_daily counts). */
public final class RisingTerms {

    /** A term must occur this often on the day to be listed, so one-off words do not top the list. */
    public static final long MIN_COUNT = 3;
    /** A term must at least double its rate to count as rising. */
    public static final double MIN_RATIO = 2.0;
    /** Added to both counts, so a term absent from the baseline gets a finite ratio that still grows with use. */
    private static final double SMOOTHING = 1.0;

    private RisingTerms() {
    }

    /** Not made of function words alone ("not", "of the"), and holding none of {@code exclude}'s words. */
    static boolean worthListing(String term, java.util.Set<String> exclude) {
        boolean allStopWords = true;
        for (String word : term.split(" ")) {
            if (exclude.contains(word)) {
                return false;
            }
            allStopWords &= TermCounter.isStopWord(word);
        }
        return !allStopWords;
    }

    /**
     * The terms whose rate per token rose most, scored by count × log(ratio) so that a frequent term that doubled
     * outranks a rare one that appeared.
     *
     * @param dayCounts      occurrences per term on the day
     * @param dayTokens      tokens of the day's articles
     * @param baselineCounts occurrences per term over the baseline days (absent: 0)
     * @param baselineTokens tokens of the baseline days' articles
     * @param exclude        words not to list, alone or in a phrase (the topic's own, which rose by definition)
     */
    public static List<Report.RisingTerm> rank(Map<String, Long> dayCounts, long dayTokens,
                                               Map<String, Long> baselineCounts, long baselineTokens,
                                               java.util.Set<String> exclude, int limit) {
        if (dayTokens <= 0) {
            return List.of();
        }
        double base = Math.max(baselineTokens, 1);
        return dayCounts.entrySet().stream()
                .filter(e -> e.getValue() >= MIN_COUNT && worthListing(e.getKey(), exclude))
                .map(e -> {
                    long before = baselineCounts.getOrDefault(e.getKey(), 0L);
                    double ratio = ((e.getValue() + SMOOTHING) / dayTokens) / ((before + SMOOTHING) / base);
                    return new Report.RisingTerm(e.getKey(), e.getValue(), before, ratio);
                })
                .filter(t -> t.ratio() >= MIN_RATIO)
                .sorted(Comparator.comparingDouble((Report.RisingTerm t) -> -t.count() * Math.log(t.ratio()))
                        .thenComparing(Report.RisingTerm::term))
                .limit(limit)
                .toList();
    }
}
