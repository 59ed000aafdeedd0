package io.topicpulse.topics;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Counts every word and every two-word phrase of an article, for series of terms no lexicon named.
 *
 * <p>Keys are folded tokens as {@link Tokenizer} defines them; a two-word phrase is two tokens joined as a phrase
 * may be (only spaces, hyphens or apostrophes between them, so never across a full stop, comma or line break) and is
 * keyed as the two tokens with one space between: "multi-polar" and "multi polar" both count as "multi polar".
 * Every word is kept; a two-word phrase is skipped when both its words are stop-words ("of the", "и в"), so "axis of"
 * stays but "of the" does not. Tokens longer than {@value #MAX_TOKEN_LENGTH} chars (hashes, base64 blobs) are
 * skipped and break phrases. Title and text are counted together, without a phrase spanning the two.
 *
 * <p>Limits keep a huge page from exploding memory: after {@code maxTokens} tokens the rest of the article is not
 * read, and once {@code maxDistinct} keys are held, new keys are not added (those held still count).
 */
public final class TermCounter implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Longer tokens are not words. */
    public static final int MAX_TOKEN_LENGTH = 40;

    private static final Set<String> STOP_WORDS = Set.copyOf(List.of(
            // English
            "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "with", "from",
            "as", "into", "onto", "over", "under", "about", "than", "then", "so", "if", "that", "this", "these",
            "those", "it", "its", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had",
            "do", "does", "did", "not", "no", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our",
            "your", "my", "him", "them", "us", "me", "who", "whom", "which", "what", "when", "where", "why", "how",
            "will", "would", "can", "could", "should", "may", "might", "must", "shall", "s", "t", "there", "here",
            "also", "up", "out", "after", "before", "said", "says", "all", "any", "more", "most", "some", "such",
            // Russian
            "и", "в", "во", "не", "на", "что", "с", "со", "как", "а", "то", "по", "к", "ко", "у", "из", "за", "о",
            "об", "от", "для", "же", "бы", "ли", "это", "он", "она", "оно", "они", "мы", "вы", "я", "его", "ее",
            "её", "их", "но", "да", "до", "при", "так", "был", "была", "были", "было",
            // German, French, Spanish: the commonest function words only
            "der", "die", "das", "und", "den", "dem", "des", "ein", "eine", "ist", "zu", "mit", "von", "auf",
            "le", "la", "les", "et", "des", "du", "un", "une", "est", "en", "au", "aux", "que", "qui",
            "el", "los", "las", "y", "del", "por", "con", "una", "se", "lo", "es"));

    private final int maxTokens;
    private final int maxDistinct;

    /** A counter that reads at most 200,000 tokens of an article and holds at most 100,000 keys. */
    public TermCounter() {
        this(200_000, 100_000);
    }

    public TermCounter(int maxTokens, int maxDistinct) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        if (maxDistinct < 1) {
            throw new IllegalArgumentException("maxDistinct must be at least 1, was " + maxDistinct);
        }
        this.maxTokens = maxTokens;
        this.maxDistinct = maxDistinct;
    }

    /** Word and two-word phrase counts of an article; nulls read as empty. */
    public Map<String, Integer> count(String title, String text) {
        return countTokens(Tokenizer.tokenize(title), Tokenizer.tokenize(text));
    }

    /** Word and two-word phrase counts of an already tokenized article (the tokens a matcher also used). */
    public Map<String, Integer> countTokens(Tokens title, Tokens text) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        Map<String, Integer> counts = new HashMap<>();
        int budget = add(title, maxTokens, counts);
        add(text, budget, counts);
        return counts;
    }

    /** How term_daily keys a word or phrase: its folded tokens joined by one space ("Multi-Polar" → "multi polar"). */
    public static String key(String words) {
        Tokens tokens = Tokenizer.tokenize(words);
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            key.append(i == 0 ? "" : " ").append(tokens.folded(i));
        }
        return key.toString();
    }

    /** True for the function words that two-word phrases are not made of alone. */
    public static boolean isStopWord(String folded) {
        return STOP_WORDS.contains(folded);
    }

    private int add(Tokens tokens, int budget, Map<String, Integer> counts) {
        int limit = Math.min(tokens.size(), budget);
        String previous = null;
        for (int i = 0; i < limit; i++) {
            String word = tokens.folded(i);
            if (word.length() > MAX_TOKEN_LENGTH) {
                previous = null;
                continue;
            }
            increment(counts, word);
            if (previous != null && tokens.joinedToPrevious(i) && !(isStopWord(previous) && isStopWord(word))) {
                increment(counts, previous + ' ' + word);
            }
            previous = word;
        }
        return budget - limit;
    }

    private void increment(Map<String, Integer> counts, String key) {
        Integer count = counts.get(key);
        if (count != null) {
            counts.put(key, count + 1);
        } else if (counts.size() < maxDistinct) {
            counts.put(key, 1);
        }
    }
}
