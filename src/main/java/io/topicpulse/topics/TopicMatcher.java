package io.topicpulse.topics;

import org.tartarus.snowball.SnowballStemmer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Counts the mentions of every topic of a {@link Lexicon} in an article, all terms in one pass over its tokens.
 *
 * <p>Terms are kept in a trie keyed by token (folded token, or stem for stemmed terms); from each token the trie is
 * walked as far as the following tokens are <i>joined</i> (see {@link Tokenizer}) and match, so the cost per token is
 * one hash lookup for almost every token, whatever the size of the lexicon.
 *
 * <p>Rules, applied per topic: (1) an occurrence of a term that lies wholly inside an occurrence of one of the
 * topic's {@code exclude} phrases or of the term's own is dropped ("axis" inside "x-axis"); (2) of the remaining
 * occurrences, overlapping ones are resolved leftmost-longest: scanning from the left, the longest occurrence starting
 * at a token is kept and any occurrence overlapping a kept one is dropped; between equally long ones the term listed
 * first wins. Topics do not interact: one span of text can count for two topics. An occurrence is in the title, the
 * lead (the text before its first blank line, "\n\n") or the body, by where its first token stands.
 *
 * <p>The matcher serializes as its lexicon; the trie is rebuilt lazily where it is used, e.g. on a Spark executor.
 * It is safe for concurrent use.
 */
public final class TopicMatcher implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int TITLE = 0;
    private static final int LEAD = 1;
    private static final int BODY = 2;

    private final Lexicon lexicon;
    private transient volatile Trie trie;

    public TopicMatcher(Lexicon lexicon) {
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
    }

    /** The lexicon this matcher counts. */
    public Lexicon lexicon() {
        return lexicon;
    }

    /** Counts mentions in {@code title} and {@code text} (paragraphs separated by "\n\n"); nulls read as empty. */
    public MatchResult match(String title, String text) {
        return matchTokens(Tokenizer.tokenize(title), Tokenizer.tokenize(text));
    }

    /** Counts mentions in already tokenized title and text, so a caller that also counts terms tokenizes once. */
    public MatchResult matchTokens(Tokens titleTokens, Tokens textTokens) {
        Objects.requireNonNull(titleTokens, "titleTokens");
        Objects.requireNonNull(textTokens, "textTokens");
        Trie current = trie();
        int[][][] counts = new int[current.topicCount][][];
        scan(current, titleTokens, Integer.MAX_VALUE, true, counts);
        int leadEnd = textTokens.text().indexOf("\n\n");
        scan(current, textTokens, leadEnd < 0 ? Integer.MAX_VALUE : leadEnd, false, counts);
        List<Mention> mentions = new ArrayList<>();
        List<Lexicon.Topic> topics = lexicon.topics();
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] == null) {
                continue;
            }
            Lexicon.Topic topic = topics.get(t);
            for (int k = 0; k < counts[t].length; k++) {
                int[] c = counts[t][k];
                if (c[TITLE] + c[LEAD] + c[BODY] > 0) {
                    mentions.add(new Mention(topic.name(), topic.terms().get(k).text(), c[TITLE], c[LEAD], c[BODY]));
                }
            }
        }
        return new MatchResult(mentions, titleTokens.size(), textTokens.size());
    }

    private Trie trie() {
        Trie current = trie;
        if (current == null) {
            // Two threads may both build it; the result is the same, so the race is harmless.
            current = new Trie(lexicon);
            trie = current;
        }
        return current;
    }

    private static void scan(Trie trie, Tokens tokens, int leadEnd, boolean isTitle, int[][][] counts) {
        scan(trie, tokens, kept -> {
            int topic = kept.target.topic;
            if (counts[topic] == null) {
                counts[topic] = new int[trie.termCounts[topic]][3];
            }
            int where = isTitle ? TITLE : tokens.start(kept.start) < leadEnd ? LEAD : BODY;
            counts[topic][kept.target.term][where]++;
        });
    }

    /**
     * Where the lexicon's terms stand in one text (a title or an article text, tokenized alone): the very
     * occurrences {@link #match} counts, after the exclude and overlap rules, ordered by topic then position. A
     * keyword-in-context view built on them shows exactly what was counted.
     */
    public List<Located> locate(Tokens tokens) {
        Objects.requireNonNull(tokens, "tokens");
        Trie current = trie();
        List<Lexicon.Topic> topics = lexicon.topics();
        List<Located> located = new ArrayList<>();
        scan(current, tokens, kept -> {
            Lexicon.Topic topic = topics.get(kept.target.topic);
            located.add(new Located(topic.name(), topic.terms().get(kept.target.term).text(), kept.start,
                    kept.end));
        });
        return located;
    }

    /**
     * One counted occurrence of a term.
     *
     * @param topic      the topic's name
     * @param term       the term as written in the lexicon
     * @param startToken index of its first token
     * @param endToken   index just past its last token
     */
    public record Located(String topic, String term, int startToken, int endToken) {
    }

    /** Receives each occurrence that survives the exclude and overlap rules. */
    private interface Kept {
        void accept(Occurrence occurrence);
    }

    private static void scan(Trie trie, Tokens tokens, Kept sink) {
        Walk walk = new Walk(trie, tokens);
        for (int i = 0; i < tokens.size(); i++) {
            walk.from(trie.root, i, i);
        }
        if (walk.found.isEmpty()) {
            return;
        }
        List<Occurrence> found = walk.found;
        found.sort(Comparator.comparingInt((Occurrence o) -> o.target.topic));
        int from = 0;
        while (from < found.size()) {
            int topic = found.get(from).target.topic;
            int to = from;
            while (to < found.size() && found.get(to).target.topic == topic) {
                to++;
            }
            resolve(found.subList(from, to), sink);
            from = to;
        }
    }

    /** Applies the exclude and overlap rules to one topic's occurrences in one text and hands on what is left. */
    private static void resolve(List<Occurrence> occurrences, Kept sink) {
        List<Occurrence> excludes = new ArrayList<>();
        List<Occurrence> terms = new ArrayList<>();
        for (Occurrence o : occurrences) {
            (o.target.exclude ? excludes : terms).add(o);
        }
        if (!excludes.isEmpty()) {
            terms.removeIf(o -> isExcluded(o, excludes));
        }
        if (terms.isEmpty()) {
            return;
        }
        terms.sort(Comparator.comparingInt((Occurrence o) -> o.start)
                .thenComparingInt(o -> -(o.end - o.start))
                .thenComparingInt(o -> o.target.term));
        int keptEnd = -1;
        for (Occurrence o : terms) {
            if (o.start < keptEnd) {
                continue;
            }
            keptEnd = o.end;
            sink.accept(o);
        }
    }

    private static boolean isExcluded(Occurrence term, List<Occurrence> excludes) {
        for (Occurrence exclude : excludes) {
            boolean applies = exclude.target.term < 0 || exclude.target.term == term.target.term;
            if (applies && exclude.start <= term.start && term.end <= exclude.end) {
                return true;
            }
        }
        return false;
    }

    /** A term form or exclude phrase ending at a trie node. */
    private static final class Target {
        final int topic;
        final int term; // index in the topic; -1 for a topic-wide exclude phrase
        final boolean exclude;
        final String[] surfaces; // the exact tokens for a case-sensitive form, else null

        Target(int topic, int term, boolean exclude, String[] surfaces) {
            this.topic = topic;
            this.term = term;
            this.exclude = exclude;
            this.surfaces = surfaces;
        }
    }

    private static final class Node {
        KeyTable<Node> children;
        Target[] targets;
        int stemLanguages; // bit i set when some child is keyed by a stem in language i

        Node child(String key, int stemLanguage) {
            if (children == null) {
                children = new KeyTable<>();
            }
            if (stemLanguage >= 0) {
                stemLanguages |= 1 << stemLanguage;
            }
            return children.computeIfAbsent(key, Node::new);
        }

        void add(Target target) {
            targets = targets == null ? new Target[] {target} : append(targets, target);
        }

        private static Target[] append(Target[] targets, Target target) {
            Target[] grown = Arrays.copyOf(targets, targets.length + 1);
            grown[targets.length] = target;
            return grown;
        }
    }

    private static final class Occurrence {
        final int start;
        final int end;
        final Target target;

        Occurrence(int start, int end, Target target) {
            this.start = start;
            this.end = end;
            this.target = target;
        }
    }

    /** The compiled lexicon. */
    private static final class Trie {
        final Node root = new Node();
        final int topicCount;
        final int[] termCounts;
        final List<String> stemLanguages = new ArrayList<>();

        Trie(Lexicon lexicon) {
            List<Lexicon.Topic> topics = lexicon.topics();
            topicCount = topics.size();
            termCounts = new int[topicCount];
            for (int t = 0; t < topicCount; t++) {
                Lexicon.Topic topic = topics.get(t);
                termCounts[t] = topic.terms().size();
                for (String phrase : topic.exclude()) {
                    add(phrase, -1, new Target(t, -1, true, null));
                }
                for (int k = 0; k < topic.terms().size(); k++) {
                    Lexicon.Term term = topic.terms().get(k);
                    int stemLanguage = term.stem() ? stemLanguage(term.language()) : -1;
                    for (String form : term.forms()) {
                        String[] surfaces = term.caseSensitive() ? surfaces(form) : null;
                        add(form, stemLanguage, new Target(t, k, false, surfaces));
                    }
                    for (String phrase : term.exclude()) {
                        add(phrase, -1, new Target(t, k, true, null));
                    }
                }
            }
        }

        private int stemLanguage(String language) {
            int index = stemLanguages.indexOf(language);
            if (index < 0) {
                if (stemLanguages.size() == Integer.SIZE - 1) {
                    throw new LexiconException("lexicon: more than 31 stemming languages");
                }
                stemLanguages.add(language);
                index = stemLanguages.size() - 1;
            }
            return index;
        }

        private void add(String phrase, int stemLanguage, Target target) {
            Tokens tokens = Tokenizer.tokenize(phrase);
            SnowballStemmer stemmer = stemLanguage < 0 ? null : Stemmers.create(stemLanguages.get(stemLanguage));
            Node node = root;
            for (int i = 0; i < tokens.size(); i++) {
                String key = stemmer == null
                        ? tokens.folded(i)
                        : stemKey(stemLanguage, Stemmers.stem(stemmer, tokens.folded(i)));
                node = node.child(key, stemmer == null ? -1 : stemLanguage);
            }
            node.add(target);
        }

        private static String[] surfaces(String form) {
            Tokens tokens = Tokenizer.tokenize(form);
            String[] surfaces = new String[tokens.size()];
            for (int i = 0; i < surfaces.length; i++) {
                surfaces[i] = tokens.surface(i);
            }
            return surfaces;
        }
    }

    /** Stem keys start with a control char no token contains, so they never meet a plain token key. */
    private static String stemKey(int language, String stem) {
        return (char) (language + 1) + stem;
    }

    /** One scan of one text: walks the trie from each token and collects every occurrence. */
    private static final class Walk {
        final Trie trie;
        final Tokens tokens;
        final List<Occurrence> found = new ArrayList<>();
        SnowballStemmer[] stemmers;
        String[][] stemKeys;

        Walk(Trie trie, Tokens tokens) {
            this.trie = trie;
            this.tokens = tokens;
        }

        void from(Node node, int start, int at) {
            step(node, node.children.get(tokens, at), start, at);
            int languages = node.stemLanguages;
            while (languages != 0) {
                int language = Integer.numberOfTrailingZeros(languages);
                languages &= languages - 1;
                step(node, node.children.get(stemKey(language, at)), start, at);
            }
        }

        private void step(Node parent, Node child, int start, int at) {
            if (child == null) {
                return;
            }
            if (child.targets != null) {
                for (Target target : child.targets) {
                    if (target.surfaces == null || surfacesMatch(target.surfaces, start)) {
                        found.add(new Occurrence(start, at + 1, target));
                    }
                }
            }
            int next = at + 1;
            if (child.children != null && next < tokens.size() && tokens.joinedToPrevious(next)) {
                from(child, start, next);
            }
        }

        private boolean surfacesMatch(String[] surfaces, int start) {
            for (int i = 0; i < surfaces.length; i++) {
                int index = start + i;
                int from = tokens.start(index);
                int length = tokens.end(index) - from;
                if (length != surfaces[i].length() || !tokens.text().startsWith(surfaces[i], from)) {
                    return false;
                }
            }
            return true;
        }

        private String stemKey(int language, int at) {
            if (stemKeys == null) {
                stemKeys = new String[trie.stemLanguages.size()][];
                stemmers = new SnowballStemmer[trie.stemLanguages.size()];
            }
            if (stemKeys[language] == null) {
                stemKeys[language] = new String[tokens.size()];
                stemmers[language] = Stemmers.create(trie.stemLanguages.get(language));
            }
            String key = stemKeys[language][at];
            if (key == null) {
                key = TopicMatcher.stemKey(language, Stemmers.stem(stemmers[language], tokens.folded(at)));
                stemKeys[language][at] = key;
            }
            return key;
        }
    }
}
