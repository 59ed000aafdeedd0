package io.topicpulse.aggregate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Audit columns of a series point: how much of it rests on weakly dated articles or on a single outlet.
 *
 * <p>Both take the counts of one point (a day, or a whole week or month summed per key first) and return null
 * when there is nothing to share out.
 */
public final class SourceAudit {

    /** The {@code date_source} values that count as weak: the URL path and a date found in the page text. */
    public static final List<String> WEAK_DATE_SOURCES = List.of("url", "text");

    private SourceAudit() {
    }

    /**
     * Whether a date came from a weak source: the URL path ({@code url}) or a date found in the page text
     * ({@code text}), rather than structured metadata (json-ld, meta, time-element).
     */
    public static boolean isWeakDateSource(String dateSource) {
        if (dateSource == null) {
            return false;
        }
        String s = dateSource.trim().toLowerCase(Locale.ROOT);
        return WEAK_DATE_SOURCES.contains(s);
    }

    /**
     * {@code weak_date_share}: the share of the point's articles mentioning the topic whose date came from a weak
     * source ({@link #isWeakDateSource}).
     *
     * @param mentioningArticlesByDateSource articles mentioning the topic, counted per {@code date_source}
     * @return weak / all, or null when there are no such articles
     */
    public static Double weakDateShare(Map<String, Long> mentioningArticlesByDateSource) {
        long weak = 0;
        long all = 0;
        for (Map.Entry<String, Long> e : entries(mentioningArticlesByDateSource, "mentioningArticlesByDateSource")) {
            long n = count(e, "mentioningArticlesByDateSource");
            all += n;
            weak += isWeakDateSource(e.getKey()) ? n : 0;
        }
        return Rates.share(weak, all);
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
