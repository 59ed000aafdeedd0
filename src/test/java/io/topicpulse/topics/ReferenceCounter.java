package io.topicpulse.topics;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slow, obviously correct counter to check {@link TopicMatcher} against: one regex per term form over the
 * normalised text, char offsets instead of tokens, no trie. Stemmed terms are not supported.
 */
final class ReferenceCounter {

    private static final String WORD = "[\\p{L}\\p{M}\\p{N}]";
    /** Spaces on one line, every hyphen, every apostrophe: what may stand between the words of a phrase. */
    private static final String GAP = "[\\t\\u000B\\f\\u001C-\\u001F\\p{Zs}"
            + "\\-\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D'\\u2018\\u2019\\u02BB\\u02BC]+";
    private static final Pattern WORDS = Pattern.compile(WORD + "+");

    private record Span(int start, int end, int term) {
    }

    private final Lexicon lexicon;
    private final List<List<List<Pattern>>> termPatterns = new ArrayList<>(); // topic -> term -> forms
    private final List<List<Pattern>> topicExcludes = new ArrayList<>();
    private final List<List<List<Pattern>>> termExcludes = new ArrayList<>();

    ReferenceCounter(Lexicon lexicon) {
        this.lexicon = lexicon;
        for (Lexicon.Topic topic : lexicon.topics()) {
            List<List<Pattern>> terms = new ArrayList<>();
            List<List<Pattern>> excludes = new ArrayList<>();
            for (Lexicon.Term term : topic.terms()) {
                if (term.stem()) {
                    throw new IllegalArgumentException("the reference counter does not stem: " + term.text());
                }
                terms.add(term.forms().stream().map(f -> pattern(f, term.caseSensitive())).toList());
                excludes.add(term.exclude().stream().map(f -> pattern(f, false)).toList());
            }
            termPatterns.add(terms);
            termExcludes.add(excludes);
            topicExcludes.add(topic.exclude().stream().map(f -> pattern(f, false)).toList());
        }
    }

    static String normalize(String text) {
        String visible = (text == null ? "" : text).replaceAll("[\\u00AD\\u200B-\\u200D\\u2060\\uFEFF]", "");
        return Normalizer.normalize(visible, Normalizer.Form.NFKC);
    }

    static int countTokens(String text) {
        Matcher m = WORDS.matcher(normalize(text));
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    /** "topic|term" to {title, lead, body}, only for counts above zero. */
    Map<String, List<Integer>> count(String title, String text) {
        int[][][] counts = new int[lexicon.topics().size()][][];
        String normalTitle = normalize(title);
        String normalText = normalize(text);
        int leadEnd = normalText.indexOf("\n\n");
        for (int t = 0; t < counts.length; t++) {
            counts[t] = new int[lexicon.topics().get(t).terms().size()][3];
            for (Span span : kept(t, normalTitle)) {
                counts[t][span.term][0]++;
            }
            for (Span span : kept(t, normalText)) {
                counts[t][span.term][leadEnd < 0 || span.start < leadEnd ? 1 : 2]++;
            }
        }
        Map<String, List<Integer>> result = new TreeMap<>();
        for (int t = 0; t < counts.length; t++) {
            Lexicon.Topic topic = lexicon.topics().get(t);
            for (int k = 0; k < counts[t].length; k++) {
                int[] c = counts[t][k];
                if (c[0] + c[1] + c[2] > 0) {
                    result.put(topic.name() + "|" + topic.terms().get(k).text(), List.of(c[0], c[1], c[2]));
                }
            }
        }
        return result;
    }

    private List<Span> kept(int topic, String text) {
        List<Span> excluded = new ArrayList<>();
        for (Pattern exclude : topicExcludes.get(topic)) {
            excluded.addAll(find(exclude, text, -1));
        }
        List<Span> candidates = new ArrayList<>();
        List<List<Pattern>> terms = termPatterns.get(topic);
        for (int k = 0; k < terms.size(); k++) {
            List<Span> ownExcludes = new ArrayList<>(excluded);
            for (Pattern exclude : termExcludes.get(topic).get(k)) {
                ownExcludes.addAll(find(exclude, text, k));
            }
            for (Pattern form : terms.get(k)) {
                for (Span span : find(form, text, k)) {
                    boolean inside = ownExcludes.stream().anyMatch(e -> e.start <= span.start && span.end <= e.end);
                    if (!inside) {
                        candidates.add(span);
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingInt(Span::start).thenComparingInt(s -> s.start - s.end)
                .thenComparingInt(Span::term));
        List<Span> kept = new ArrayList<>();
        int keptEnd = -1;
        for (Span span : candidates) {
            if (span.start >= keptEnd) {
                kept.add(span);
                keptEnd = span.end;
            }
        }
        return kept;
    }

    /** Every occurrence, overlapping ones included. */
    private static List<Span> find(Pattern pattern, String text, int term) {
        List<Span> spans = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        int from = 0;
        while (from <= text.length() && m.find(from)) {
            spans.add(new Span(m.start(), m.end(), term));
            from = m.start() + 1;
        }
        return spans;
    }

    private static Pattern pattern(String form, boolean caseSensitive) {
        Matcher words = WORDS.matcher(normalize(form));
        List<String> quoted = new ArrayList<>();
        while (words.find()) {
            quoted.add(Pattern.quote(words.group()));
        }
        String regex = "(?<!" + WORD + ")" + String.join(GAP, quoted) + "(?!" + WORD + ")";
        return Pattern.compile(regex, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
