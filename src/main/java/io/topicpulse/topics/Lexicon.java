package io.topicpulse.topics;

import io.topicpulse.Digests;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A set of named topics, each made of terms and phrases, read from YAML.
 *
 * <p>Simplest form: {@code topics: { axis: { terms: [axis] } } } or even {@code topics: { axis: [axis] } }. A term
 * is a string or a mapping with {@code term} and the options {@code variants} (more forms counted under the same
 * term), {@code case_sensitive}, {@code stem} (Snowball stemming in the term's language), {@code language} (ISO 639
 * code; selects the stemmer, it does not restrict which articles are searched) and {@code exclude} (phrases inside
 * which the term is not counted). A topic may set {@code exclude} for all its terms and {@code language},
 * {@code stem}, {@code case_sensitive} as defaults for its terms; the file may set {@code language} for all topics and
 * a free-form {@code version} and {@code description}. Words of a term match whole tokens as {@link Tokenizer}
 * defines them: a hyphen, an apostrophe or spaces between the words are all the same, so "multi-polar" also matches
 * "multi polar"; the closed form "multipolar" is a different word and must be listed if wanted.
 */
public final class Lexicon implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<String> FILE_KEYS = Set.of("version", "description", "language", "topics");
    private static final Set<String> TOPIC_KEYS =
            Set.of("terms", "exclude", "language", "stem", "case_sensitive", "description");
    private static final Set<String> TERM_KEYS =
            Set.of("term", "variants", "case_sensitive", "stem", "language", "exclude");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    /**
     * One term of a topic with its effective options (topic and file defaults applied).
     *
     * @param text          the term as written in the lexicon; mentions are reported under it
     * @param variants      more forms counted as this term
     * @param caseSensitive whether letter case must match exactly
     * @param stem          whether words match by their Snowball stem in {@code language}
     * @param language      ISO 639 code, or null
     * @param exclude       phrases inside which this term is not counted (besides the topic's)
     */
    public record Term(String text, List<String> variants, boolean caseSensitive, boolean stem, String language,
                       List<String> exclude) implements Serializable {
        public Term {
            Objects.requireNonNull(text, "text");
            variants = List.copyOf(variants);
            exclude = List.copyOf(exclude);
        }

        /** The term and its variants: every form that counts as this term. */
        public List<String> forms() {
            List<String> forms = new ArrayList<>(variants.size() + 1);
            forms.add(text);
            forms.addAll(variants);
            return forms;
        }
    }

    /**
     * One named topic.
     *
     * @param name    the topic's name, as it appears in the tables
     * @param terms   its terms, in lexicon order
     * @param exclude phrases inside which none of its terms is counted
     */
    public record Topic(String name, List<Term> terms, List<String> exclude) implements Serializable {
        public Topic {
            Objects.requireNonNull(name, "name");
            terms = List.copyOf(terms);
            exclude = List.copyOf(exclude);
        }
    }

    private final String source;
    private final String version;
    private final List<Topic> topics;
    private final String contentHash;

    private Lexicon(String source, String version, List<Topic> topics) {
        this.source = source;
        this.version = version;
        this.topics = List.copyOf(topics);
        this.contentHash = Digests.sha256Hex(canonicalForm(this.topics));
    }

    /** Reads a lexicon file (UTF-8). */
    public static Lexicon load(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LexiconException("lexicon " + file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses lexicon YAML; {@code sourceName} (e.g. the file name) is used in messages only. */
    public static Lexicon parse(String yamlText, String sourceName) {
        Objects.requireNonNull(yamlText, "yamlText");
        String where = "lexicon " + (sourceName == null ? "(inline)" : sourceName);
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = mapper.readTree(yamlText);
        } catch (JsonProcessingException e) {
            throw new LexiconException(where + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new LexiconException(where + ": empty file; expected a mapping with 'topics'");
        }
        if (!root.isObject()) {
            throw new LexiconException(where + ": expected a mapping with 'topics' at the top level");
        }
        checkKeys(root, FILE_KEYS, where);
        String version = root.hasNonNull("version") ? scalar(root.get("version"), where + ": 'version'") : null;
        String fileLanguage = language(root.get("language"), where);
        JsonNode topicsNode = root.get("topics");
        if (topicsNode == null || !topicsNode.isObject() || topicsNode.isEmpty()) {
            throw new LexiconException(where + ": 'topics' must be a non-empty mapping of topic names to terms");
        }
        List<Topic> topics = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = topicsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            topics.add(topic(entry.getKey(), entry.getValue(), fileLanguage, where));
        }
        return new Lexicon(sourceName, version, topics);
    }

    /** The topics, in file order. */
    public List<Topic> topics() {
        return topics;
    }

    /** The file's {@code version} field as text, or null when it has none. */
    public String version() {
        return version;
    }

    /** Where the lexicon came from, as given to {@link #parse}; may be null. */
    public String source() {
        return source;
    }

    /**
     * SHA-256 (hex) of the lexicon's meaning: topics and terms with their effective options, sorted, words in their
     * normalised form. Comments, layout, key order, topic and term order, {@code version} and {@code description}
     * do not change it; a term's label as written ("multi-polar") does, because the tables report it.
     */
    public String contentHash() {
        return contentHash;
    }

    /** The number of terms and variants over all topics. */
    public int formCount() {
        int count = 0;
        for (Topic topic : topics) {
            for (Term term : topic.terms()) {
                count += 1 + term.variants().size();
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "Lexicon[" + (source == null ? "inline" : source) + ", " + topics.size() + " topics, version "
                + version + ", " + contentHash.substring(0, 12) + "]";
    }

    private static Topic topic(String name, JsonNode node, String fileLanguage, String where) {
        String at = where + ": topic '" + name + "'";
        if (name.isBlank() || !name.strip().equals(name)) {
            throw new LexiconException(where + ": topic name '" + name
                    + "' must not be blank or start or end with spaces");
        }
        JsonNode termsNode;
        String language = fileLanguage;
        boolean stem = false;
        boolean caseSensitive = false;
        List<String> exclude = List.of();
        if (node != null && node.isArray()) {
            termsNode = node;
        } else if (node != null && node.isObject()) {
            checkKeys(node, TOPIC_KEYS, at);
            termsNode = node.get("terms");
            if (node.has("language")) {
                language = language(node.get("language"), at);
            }
            stem = bool(node.get("stem"), false, at + ": 'stem'");
            caseSensitive = bool(node.get("case_sensitive"), false, at + ": 'case_sensitive'");
            exclude = phrases(node.get("exclude"), at + ": 'exclude'");
        } else {
            throw new LexiconException(at + ": expected a mapping with 'terms' or a list of terms");
        }
        if (termsNode == null || !termsNode.isArray() || termsNode.isEmpty()) {
            throw new LexiconException(at + ": 'terms' must be a non-empty list");
        }
        List<Term> terms = new ArrayList<>();
        Map<String, String> formsSeen = new HashMap<>();
        for (JsonNode termNode : termsNode) {
            Term term = term(termNode, language, stem, caseSensitive, at);
            for (String form : term.forms()) {
                String key = matchKey(form, term.caseSensitive(), term.stem() ? term.language() : null);
                String earlier = formsSeen.putIfAbsent(key, form);
                if (earlier != null) {
                    throw new LexiconException(at + ": '" + form + "' matches the same words as '" + earlier
                            + "'; list each form once");
                }
            }
            terms.add(term);
        }
        return new Topic(name, terms, exclude);
    }

    private static Term term(JsonNode node, String topicLanguage, boolean topicStem, boolean topicCaseSensitive,
                             String at) {
        if (node.isTextual() || node.isNumber()) {
            String text = phrase(node.asText(), at + ": term");
            check(topicStem, topicCaseSensitive, topicLanguage, at + ": term '" + text + "'");
            return new Term(text, List.of(), topicCaseSensitive, topicStem, topicLanguage, List.of());
        }
        if (!node.isObject()) {
            throw new LexiconException(at + ": a term must be a string or a mapping with 'term', found " + node
                    + (node.isBoolean() ? " (quote words YAML reads as true/false, such as yes, no, on, off)" : ""));
        }
        checkKeys(node, TERM_KEYS, at + ": term " + node);
        if (!node.hasNonNull("term")) {
            throw new LexiconException(at + ": term " + node + " has no 'term'");
        }
        String text = phrase(scalar(node.get("term"), at + ": 'term'"), at + ": term");
        String termAt = at + ": term '" + text + "'";
        String language = node.has("language") ? language(node.get("language"), termAt) : topicLanguage;
        boolean stem = bool(node.get("stem"), topicStem, termAt + ": 'stem'");
        boolean caseSensitive = bool(node.get("case_sensitive"), topicCaseSensitive, termAt + ": 'case_sensitive'");
        check(stem, caseSensitive, language, termAt);
        return new Term(text, phrases(node.get("variants"), termAt + ": 'variants'"), caseSensitive, stem, language,
                phrases(node.get("exclude"), termAt + ": 'exclude'"));
    }

    private static void check(boolean stem, boolean caseSensitive, String language, String at) {
        if (!stem) {
            return;
        }
        if (caseSensitive) {
            throw new LexiconException(at + ": 'stem' and 'case_sensitive' cannot be combined");
        }
        if (language == null) {
            throw new LexiconException(at + ": 'stem: true' needs a 'language' (on the term, its topic or the file)");
        }
        if (!Stemmers.supports(language)) {
            throw new LexiconException(at + ": no stemmer for language '" + language + "'; known: "
                    + Stemmers.languages());
        }
    }

    private static List<String> phrases(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new LexiconException(at + " must be a list of phrases, found " + node);
        }
        List<String> phrases = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() && !item.isNumber()) {
                throw new LexiconException(at + " must be a list of phrases, found " + item);
            }
            phrases.add(phrase(item.asText(), at));
        }
        return phrases;
    }

    /** Checks that a phrase is made only of words the tokenizer can match, joined as a phrase may be. */
    private static String phrase(String raw, String at) {
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new LexiconException(at + ": empty term");
        }
        String normal = Tokenizer.normalize(text);
        for (int i = 0; i < normal.length(); ) {
            int cp = normal.codePointAt(i);
            if (!Tokenizer.isWordChar(cp) && !Tokenizer.isJoiner(cp)) {
                throw new LexiconException(at + " '" + text + "': '" + new String(Character.toChars(cp))
                        + "' cannot be matched; a term is words (letters, marks, digits) joined by spaces, hyphens"
                        + " or apostrophes");
            }
            i += Character.charCount(cp);
        }
        if (Tokenizer.tokenize(normal).size() == 0) {
            throw new LexiconException(at + " '" + text + "' has no word in it");
        }
        return text;
    }

    private static String scalar(JsonNode node, String at) {
        if (!node.isValueNode()) {
            throw new LexiconException(at + " must be a single value, found " + node);
        }
        return node.asText();
    }

    private static boolean bool(JsonNode node, boolean fallback, String at) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new LexiconException(at + " must be true or false, found " + node);
        }
        return node.booleanValue();
    }

    private static String language(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        String code = node.asText();
        if (!node.isTextual() || !LANGUAGE.matcher(code).matches()) {
            throw new LexiconException(at + ": bad language " + node + "; use a lower-case ISO 639 code such as 'en'");
        }
        return code;
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new LexiconException(at + ": unknown key '" + key + "'; expected one of "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    /** The words a form matches, as one string: equal keys match the same token sequences. */
    static String matchKey(String form, boolean caseSensitive, String stemLanguage) {
        Tokens tokens = Tokenizer.tokenize(form);
        StringBuilder key = new StringBuilder();
        key.append(caseSensitive ? "cs" : stemLanguage == null ? "ci" : "stem-" + stemLanguage);
        for (int i = 0; i < tokens.size(); i++) {
            key.append(' ').append(caseSensitive ? tokens.surface(i) : tokens.folded(i));
        }
        return key.toString();
    }

    private static String canonicalForm(List<Topic> topics) {
        List<String> topicLines = new ArrayList<>();
        for (Topic topic : topics) {
            List<String> termLines = new ArrayList<>();
            for (Term term : topic.terms()) {
                String stemLanguage = term.stem() ? term.language() : null;
                List<String> forms = new ArrayList<>();
                for (String form : term.forms()) {
                    forms.add(matchKey(form, term.caseSensitive(), stemLanguage));
                }
                forms.sort(null);
                termLines.add("term " + term.text() + " | language " + term.language() + " | forms " + forms
                        + " | exclude " + sortedKeys(term.exclude()));
            }
            termLines.sort(null);
            topicLines.add("topic " + topic.name() + " | exclude " + sortedKeys(topic.exclude()) + "\n"
                    + String.join("\n", termLines));
        }
        topicLines.sort(null);
        return String.join("\n", topicLines);
    }

    private static List<String> sortedKeys(List<String> phrases) {
        List<String> keys = new ArrayList<>();
        for (String phrase : phrases) {
            keys.add(matchKey(phrase, false, null));
        }
        keys.sort(null);
        return keys;
    }

}
