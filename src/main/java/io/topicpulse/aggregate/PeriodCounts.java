package io.topicpulse.aggregate;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The count columns of every series row — one period (a day, an ISO week or a month) and one topic — from the
 * period's articles and their mentions: the one definition the full run and the nightly run both use.
 *
 * <p>Distinct counts (sources, clusters) are taken over the whole period, never summed from days, which is why
 * this reads articles rather than daily rows.
 */
public final class PeriodCounts {

    private PeriodCounts() {
    }

    /**
     * A dated article of the period with its mentions.
     *
     * @param docId           the article's id
     * @param host            its source host, or null
     * @param clusterId       its near-duplicate cluster, or null
     * @param dateConfidence  its date's confidence, or null
     * @param tokens          its token count
     * @param mentionsByTopic its mentions summed per topic; a topic is present when the article has a mention row
     *                        for it
     */
    public record Article(String docId, String host, String clusterId, Double dateConfidence, long tokens,
                          Map<String, Long> mentionsByTopic) {
        public Article {
            Objects.requireNonNull(docId, "docId");
            Rates.requireCount(tokens, "tokens");
            mentionsByTopic = Map.copyOf(Objects.requireNonNull(mentionsByTopic, "mentionsByTopic"));
        }
    }

    /**
     * One topic's counts over a period.
     *
     * @param articlesTotal           articles of the period, mentioning or not
     * @param tokensTotal             their tokens
     * @param sourcesActive           distinct non-null hosts among them
     * @param mentions                the topic's mentions
     * @param articlesMentioning      articles with a mention of the topic
     * @param sourcesMentioning       distinct non-null hosts among those
     * @param mentionsDedup           mentions counting each near-duplicate cluster once, at its most mentioning
     *                                member
     * @param articlesMentioningDedup distinct non-null clusters among the mentioning articles
     * @param weakDateShare           {@link SourceAudit#weakDateShare} of the mentioning articles
     * @param topSourceShare          {@link SourceAudit#topSourceShare} of the mentions
     */
    public record TopicCounts(String topic, long articlesTotal, long tokensTotal, long sourcesActive, long mentions,
                              long articlesMentioning, long sourcesMentioning, long mentionsDedup,
                              long articlesMentioningDedup, Double weakDateShare, Double topSourceShare) {
    }

    /**
     * The counts of each of {@code topics}, in their order, over {@code articles} (the articles of one period;
     * mentions of other topics are ignored). A topic nobody mentions gets zeros and null shares.
     *
     * @throws IllegalArgumentException when an article's doc_id appears twice
     */
    public static List<TopicCounts> count(Collection<Article> articles, List<String> topics) {
        long tokens = 0;
        Set<String> docIds = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        for (Article a : articles) {
            if (!docIds.add(a.docId())) {
                throw new IllegalArgumentException("article " + a.docId() + " appears twice");
            }
            tokens += a.tokens();
            if (a.host() != null) {
                hosts.add(a.host());
            }
        }
        Map<String, Mentioning> byTopic = new LinkedHashMap<>();
        for (String topic : topics) {
            byTopic.put(topic, new Mentioning());
        }
        for (Article a : articles) {
            for (Map.Entry<String, Long> e : a.mentionsByTopic().entrySet()) {
                Mentioning m = byTopic.get(e.getKey());
                if (m != null) {
                    m.add(a, e.getValue());
                }
            }
        }
        List<TopicCounts> out = new java.util.ArrayList<>(topics.size());
        for (Map.Entry<String, Mentioning> e : byTopic.entrySet()) {
            Mentioning m = e.getValue();
            out.add(new TopicCounts(e.getKey(), articles.size(), tokens, hosts.size(), m.mentions, m.articles,
                    m.hosts.size(), m.dedupMentions(), m.clusters(), m.articles == 0 ? null
                    : SourceAudit.weakDateShare(m.weakDated, m.articles),
                    m.mentions == 0 ? null : SourceAudit.topSourceShare(m.mentionsByHost)));
        }
        return out;
    }

    /** The articles mentioning one topic, accumulated. */
    private static final class Mentioning {
        long mentions;
        long articles;
        final Set<String> hosts = new HashSet<>();
        // A null cluster or host is a group of its own here, as in a SQL GROUP BY.
        final Map<String, Long> topByCluster = new HashMap<>();
        final Map<String, Long> mentionsByHost = new HashMap<>();
        long weakDated;

        void add(Article a, Long count) {
            long n = count == null ? 0 : count;
            mentions += n;
            articles++;
            if (a.host() != null) {
                hosts.add(a.host());
            }
            topByCluster.merge(a.clusterId(), n, Math::max);
            mentionsByHost.merge(a.host(), n, Long::sum);
            weakDated += SourceAudit.isWeakDate(a.dateConfidence()) ? 1 : 0;
        }

        long dedupMentions() {
            return topByCluster.values().stream().mapToLong(Long::longValue).sum();
        }

        long clusters() {
            return topByCluster.keySet().stream().filter(Objects::nonNull).count();
        }
    }
}
