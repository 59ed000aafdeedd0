package io.topicpulse.topics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topic mentions found in one article and its size in tokens.
 *
 * @param mentions    one entry per topic and term found at least once, in lexicon order
 * @param titleTokens tokens in the title
 * @param textTokens  tokens in the text
 */
public record MatchResult(List<Mention> mentions, int titleTokens, int textTokens) {

    public MatchResult {
        mentions = List.copyOf(mentions);
    }

    /** Occurrences per topic (all its terms, title and text), for topics found at least once, in lexicon order. */
    public Map<String, Integer> countsByTopic() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Mention mention : mentions) {
            counts.merge(mention.topic(), mention.count(), Integer::sum);
        }
        return counts;
    }

    /** Tokens in title and text together. */
    public int totalTokens() {
        return titleTokens + textTokens;
    }
}
