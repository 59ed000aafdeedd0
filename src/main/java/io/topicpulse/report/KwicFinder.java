package io.topicpulse.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicpulse.topics.Lexicon;
import io.topicpulse.topics.Tokenizer;
import io.topicpulse.topics.Tokens;
import io.topicpulse.topics.TopicMatcher;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the sentences around a topic's mentions in an article, with the very matcher that counted them
 * ({@link TopicMatcher#locate}), so every highlighted word is one the counts hold and none is missing.
 */
public final class KwicFinder implements Serializable {

    private static final long serialVersionUID = 1L;
    /** A sentence longer than this is cut around its matches. */
    static final int MAX_CHARS = 280;
    /** Chars of context kept on each side of the matches in a cut sentence. */
    static final int CONTEXT = 110;

    private final TopicMatcher matcher;
    private final String topic;

    /** Finds {@code topic}'s mentions as {@code matcher} counts them. */
    public KwicFinder(TopicMatcher matcher, String topic) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.topic = Objects.requireNonNull(topic, "topic");
        if (matcher.lexicon().topics().stream().noneMatch(t -> t.name().equals(topic))) {
            throw new IllegalArgumentException("no topic named '" + topic + "' in the lexicon");
        }
    }

    /**
     * Finds any word or phrase, matched as a lexicon term is (case-insensitive, whole words, a hyphen or space
     * between words alike), the way {@code term_daily} keys it.
     */
    public static KwicFinder forTerm(String words) {
        if (words == null || Tokenizer.tokenize(words).size() == 0) {
            throw new IllegalArgumentException("the term has no words");
        }
        // Built as JSON (a YAML subset) so no quoting rule of YAML can change what the term says.
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putObject("topics").putObject("term").putArray("terms").add(words);
        return new KwicFinder(new TopicMatcher(Lexicon.parse(root.toString(), "--term")), "term");
    }

    /** The matcher the mentions are found with. */
    TopicMatcher matcher() {
        return matcher;
    }

    /** The title (when it holds a match) and then each sentence of the text with a match, in text order. */
    public List<Snippet> find(String title, String text) {
        List<Snippet> snippets = new ArrayList<>(snippets(Tokenizer.tokenize(title), true));
        snippets.addAll(snippets(Tokenizer.tokenize(text), false));
        return snippets;
    }

    /** The number of mentions in title and text, as the counts have it. */
    public int count(String title, String text) {
        return ranges(Tokenizer.tokenize(title)).size() + ranges(Tokenizer.tokenize(text)).size();
    }

    private List<int[]> ranges(Tokens tokens) {
        List<int[]> ranges = new ArrayList<>();
        for (TopicMatcher.Located l : matcher.locate(tokens)) {
            if (l.topic().equals(topic)) {
                ranges.add(new int[] {tokens.start(l.startToken()), tokens.end(l.endToken() - 1)});
            }
        }
        return ranges;
    }

    private List<Snippet> snippets(Tokens tokens, boolean isTitle) {
        List<int[]> ranges = ranges(tokens);
        List<Snippet> out = new ArrayList<>();
        String s = tokens.text();
        int i = 0;
        while (i < ranges.size()) {
            int from = isTitle ? 0 : sentenceStart(s, ranges.get(i)[0]);
            int to = isTitle ? s.length() : sentenceEnd(s, ranges.get(i)[1]);
            int j = i;
            while (j < ranges.size() && ranges.get(j)[0] < to) {
                to = Math.max(to, isTitle ? to : sentenceEnd(s, ranges.get(j)[1]));
                j++;
            }
            out.add(cut(s, from, to, ranges.subList(i, j), isTitle));
            i = j;
        }
        return out;
    }

    /** The sentence between {@code from} and {@code to}, trimmed, shortened around the matches when long. */
    private static Snippet cut(String s, int from, int to, List<int[]> matches, boolean isTitle) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        String prefix = "";
        String suffix = "";
        if (to - from > MAX_CHARS) {
            int first = matches.get(0)[0];
            int last = matches.get(matches.size() - 1)[1];
            int cutFrom = Math.max(from, wordStart(s, first - CONTEXT, from));
            int cutTo = Math.min(to, wordEnd(s, last + CONTEXT, to));
            prefix = cutFrom > from ? "… " : "";
            suffix = cutTo < to ? " …" : "";
            from = cutFrom;
            to = cutTo;
        }
        StringBuilder text = new StringBuilder(prefix);
        List<Snippet.Mark> marks = new ArrayList<>();
        int at = from;
        for (int[] m : matches) {
            text.append(s, at, m[0]);
            int start = text.length();
            text.append(s, m[0], m[1]);
            marks.add(new Snippet.Mark(start, text.length()));
            at = m[1];
        }
        text.append(s, at, to).append(suffix);
        return new Snippet(text.toString().replaceAll("\\s", " "), marks, isTitle);
    }

    /** Just after the end of the sentence before {@code at}: a terminal mark and a space, or a line break. */
    static int sentenceStart(String s, int at) {
        for (int i = at - 1; i > 0; i--) {
            char c = s.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (Character.isWhitespace(c) && isTerminal(s.charAt(i - 1))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Just after the sentence that holds {@code at}: its terminal mark, a line break, or the end of the text. */
    static int sentenceEnd(String s, int at) {
        for (int i = at; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                return i;
            }
            if (isTerminal(c) && (i + 1 == s.length() || Character.isWhitespace(s.charAt(i + 1)))) {
                return i + 1;
            }
        }
        return s.length();
    }

    private static boolean isTerminal(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…' || c == '。' || c == '！' || c == '？';
    }

    private static int wordStart(String s, int at, int floor) {
        int i = Math.max(at, floor);
        while (i > floor && !Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static int wordEnd(String s, int at, int ceiling) {
        int i = Math.min(at, ceiling);
        while (i < ceiling && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
