package io.topicpulse.aggregate;

import java.util.Map;

/**
 * Audit columns of a series point: how much of it rests on weakly dated articles or on a single outlet.
 *
 * <p>Both take the counts of one point (a day, or a whole week or month summed per key first) and return null
 * when there is nothing to share out.
 */
public final class SourceAudit {

    /**
     * Below this {@code date_confidence} a date is weak: about one such date in ten or more is wrong, so a point
     * resting on them may sit on the wrong day.
     */
    public static final double WEAK_DATE_CONFIDENCE = 0.9;

    private SourceAudit() {
    }

    /**
     * Whether a date is weak: its confidence is below {@link #WEAK_DATE_CONFIDENCE}, or unknown (an article whose
     * confidence was never estimated is not vouched for).
     */
    public static boolean isWeakDate(Double dateConfidence) {
        return dateConfidence == null || dateConfidence < WEAK_DATE_CONFIDENCE;
    }

    /**
     * {@code weak_date_share}: the share of the point's articles mentioning the topic whose date is weak
     * ({@link #isWeakDate}).
     *
     * @param weak       mentioning articles with a weak date
     * @param mentioning all mentioning articles
     * @return weak / mentioning, or null when there are no mentioning articles
     */
    public static Double weakDateShare(long weak, long mentioning) {
        return Rates.share(weak, mentioning);
    }

    /**
     * {@code top_source_share}: the share of the point's mentions that come from its single biggest host.
     *
     * @param mentionsByHost mentions of the topic, summed per source host
     * @return the largest count / the sum, or null when the sum is 0
     */
    public static Double topSourceShare(Map<String, Long> mentionsByHost) {
        long top = 0;
        long all = 0;
        for (Map.Entry<String, Long> e : entries(mentionsByHost, "mentionsByHost")) {
            long n = count(e, "mentionsByHost");
            all += n;
            top = Math.max(top, n);
        }
        return Rates.share(top, all);
    }

    private static Iterable<Map.Entry<String, Long>> entries(Map<String, Long> counts, String name) {
        if (counts == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return counts.entrySet();
    }

    private static long count(Map.Entry<String, Long> e, String name) {
        if (e.getValue() == null) {
            throw new IllegalArgumentException(name + " holds a null count for " + e.getKey());
        }
        return Rates.requireCount(e.getValue(), name + "[" + e.getKey() + "]");
    }
}
