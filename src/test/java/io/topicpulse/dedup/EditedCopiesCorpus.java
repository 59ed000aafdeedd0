package io.topicpulse.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated set of news-like articles, edited copies of some of them (the near duplicates) and same-topic
 * articles that share stock phrases, boilerplate or a quoted paragraph with them (the hard non-duplicates).
 */
final class EditedCopiesCorpus {

    /** How a copy differs from the text it was made from. */
    enum Edit {
        SIDEBAR_APPENDED, PARAGRAPH_ADDED, PARAGRAPH_REMOVED, SENTENCE_REWORDED, TYPOS, HEADLINE_CHANGED
    }

    /**
     * One generated document.
     *
     * @param id     unique id
     * @param family id of the original it is a copy of (its own id for originals and non-duplicates)
     * @param source id of the article it was edited from (its own id for originals and non-duplicates)
     * @param text   headline, blank line, paragraphs separated by blank lines
     * @param edits  edits that made it from its source; empty for originals
     */
    record Article(String id, String family, String source, String text, List<Edit> edits) {
    }

    /** Where edits take new text from. */
    private interface Material {
        String headline();

        String paragraph();

        String word();
    }

    private final Random random;
    private final List<String> words;
    private final Map<String, List<String>> phrasesByTopic = new LinkedHashMap<>();
    private final List<String> boilerplate;
    private final List<Article> articles = new ArrayList<>();

    private EditedCopiesCorpus(long seed) {
        this.random = new Random(seed);
        this.words = Arrays.stream(String.join(" ", lines("words.txt")).split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
        for (String line : lines("topics.txt")) {
            String[] parts = line.split("\\|", 2);
            phrasesByTopic.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
        }
        this.boilerplate = lines("boilerplate.txt");
    }

    /**
     * Generates {@code originals} articles; each gets 0 to 4 edited copies (a copy may be made from an earlier
     * copy, as re-crawls of syndicated text are), and {@code followUps} further articles each quote one paragraph
     * of a random original, and {@code briefs} short same-topic articles end in the same stock sentences.
     */
    static List<Article> generate(long seed, int originals, int followUps, int briefs) {
        EditedCopiesCorpus corpus = new EditedCopiesCorpus(seed);
        List<String> topics = new ArrayList<>(corpus.phrasesByTopic.keySet());
        List<Article> bases = new ArrayList<>();
        for (int i = 0; i < originals; i++) {
            String topic = topics.get(i % topics.size());
            String id = "o" + i;
            Article original = new Article(id, id, id, corpus.article(topic), List.of());
            bases.add(original);
            corpus.addFamily(original, corpus.topicMaterial(topic));
        }
        for (int i = 0; i < followUps; i++) {
            Article quoted = bases.get(corpus.random.nextInt(bases.size()));
            String topic = topics.get(Integer.parseInt(quoted.id().substring(1)) % topics.size());
            List<String> paragraphs = paragraphs(corpus.article(topic));
            List<String> quotedParagraphs = paragraphs(quoted.text());
            paragraphs.add(1 + corpus.random.nextInt(paragraphs.size() - 1),
                    quotedParagraphs.get(1 + corpus.random.nextInt(quotedParagraphs.size() - 1)));
            String id = "f" + i;
            corpus.articles.add(new Article(id, id, id, String.join("\n\n", paragraphs), List.of()));
        }
        for (int i = 0; i < briefs; i++) {
            // Agency briefs: one or two short paragraphs on one topic closed by two stock sentences.
            String topic = topics.get(i % topics.size());
            List<String> paragraphs = new ArrayList<>();
            paragraphs.add(capitalised(corpus.sentenceWords(7 + corpus.random.nextInt(6), topic)));
            for (int p = 0, n = 1 + corpus.random.nextInt(2); p < n; p++) {
                paragraphs.add(corpus.paragraph(topic));
            }
            int first = corpus.random.nextInt(corpus.boilerplate.size());
            paragraphs.add(corpus.boilerplate.get(first) + " "
                    + corpus.boilerplate.get((first + 1) % corpus.boilerplate.size()));
            String id = "b" + i;
            corpus.articles.add(new Article(id, id, id, String.join("\n\n", paragraphs), List.of()));
        }
        return List.copyOf(corpus.articles);
    }

    /**
     * Real texts as originals: the first {@code originals} of {@code texts} (headline, blank line, paragraphs) get
     * 0 to 4 edited copies whose new headlines, paragraphs and words come from the remaining texts (not from other
     * originals: a long paragraph of one original added to a short other one would make a true near duplicate).
     */
    static List<Article> fromTexts(long seed, List<String> texts, int originals) {
        if (texts.size() <= originals) {
            throw new IllegalArgumentException("need more than " + originals + " texts, got " + texts.size());
        }
        EditedCopiesCorpus corpus = new EditedCopiesCorpus(seed);
        Random random = corpus.random;
        List<String> material = texts.subList(originals, texts.size());
        Material others = new Material() {
            @Override
            public String headline() {
                return paragraphs(material.get(random.nextInt(material.size()))).get(0);
            }

            @Override
            public String paragraph() {
                List<String> paragraphs = paragraphs(material.get(random.nextInt(material.size())));
                return paragraphs.get(random.nextInt(paragraphs.size()));
            }

            @Override
            public String word() {
                String[] words = paragraph().split("\\s+");
                return words[random.nextInt(words.length)];
            }
        };
        for (int i = 0; i < originals; i++) {
            String id = "r" + i;
            corpus.addFamily(new Article(id, id, id, texts.get(i), List.of()), others);
        }
        return List.copyOf(corpus.articles);
    }

    private void addFamily(Article original, Material material) {
        articles.add(original);
        List<Article> family = new ArrayList<>(List.of(original));
        for (int c = 0, copies = random.nextInt(5); c < copies; c++) {
            Article source = family.get(random.nextInt(family.size()));
            Article copy = copyOf(source, original.id() + "c" + c, material);
            family.add(copy);
            articles.add(copy);
        }
    }

    private Material topicMaterial(String topic) {
        return new Material() {
            @Override
            public String headline() {
                return capitalised(sentenceWords(7 + random.nextInt(6), topic));
            }

            @Override
            public String paragraph() {
                return EditedCopiesCorpus.this.paragraph(topic);
            }

            @Override
            public String word() {
                return EditedCopiesCorpus.this.word();
            }
        };
    }

    private Article copyOf(Article source, String id, Material material) {
        List<Edit> edits = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        while (edits.size() < count) {
            Edit edit = Edit.values()[random.nextInt(Edit.values().length)];
            if (!edits.contains(edit)) {
                edits.add(edit);
            }
        }
        List<String> paragraphs = paragraphs(source.text());
        for (Edit edit : edits) {
            switch (edit) {
                case SIDEBAR_APPENDED -> {
                    // A re-crawl that caught "Latest news" headlines under the article.
                    StringBuilder sidebar = new StringBuilder("Latest news");
                    for (int h = 0, n = 3 + random.nextInt(4); h < n; h++) {
                        sidebar.append("\n").append(material.headline());
                    }
                    paragraphs.add(sidebar.toString());
                }
                case PARAGRAPH_ADDED -> paragraphs.add(1 + random.nextInt(paragraphs.size()), material.paragraph());
                case PARAGRAPH_REMOVED -> {
                    if (paragraphs.size() > 3) {
                        paragraphs.remove(1 + random.nextInt(paragraphs.size() - 1));
                    }
                }
                case SENTENCE_REWORDED -> {
                    if (paragraphs.size() < 2) {
                        continue;
                    }
                    int p = 1 + random.nextInt(paragraphs.size() - 1);
                    String[] sentences = paragraphs.get(p).split("(?<=\\.) ");
                    int s = random.nextInt(sentences.length);
                    String[] sentenceWords = sentences[s].split(" ");
                    for (int w = 0; w < sentenceWords.length; w++) {
                        if (random.nextInt(3) == 0) {
                            sentenceWords[w] = material.word();
                        }
                    }
                    sentences[s] = String.join(" ", sentenceWords);
                    paragraphs.set(p, String.join(" ", sentences));
                }
                case TYPOS -> {
                    for (int t = 0, n = 1 + random.nextInt(5); t < n; t++) {
                        int p = random.nextInt(paragraphs.size());
                        paragraphs.set(p, withTypo(paragraphs.get(p)));
                    }
                }
                case HEADLINE_CHANGED -> paragraphs.set(0, material.headline());
            }
        }
        return new Article(id, source.family(), source.id(), String.join("\n\n", paragraphs), List.copyOf(edits));
    }

    private String withTypo(String paragraph) {
        char[] chars = paragraph.toCharArray();
        for (int attempt = 0; chars.length > 1 &&  attempt < 20; attempt++) {
            int i = random.nextInt(chars.length - 1);
            if (Character.isLetter(chars[i]) && Character.isLetter(chars[i + 1]) && chars[i] != chars[i + 1]) {
                char swap = chars[i];
                chars[i] = chars[i + 1];
                chars[i + 1] = swap;
                return new String(chars);
            }
        }
        return paragraph;
    }

    private String article(String topic) {
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(capitalised(sentenceWords(7 + random.nextInt(6), topic)));
        for (int p = 0, n = 4 + random.nextInt(6); p < n; p++) {
            paragraphs.add(paragraph(topic));
        }
        return String.join("\n\n", paragraphs);
    }

    private String paragraph(String topic) {
        List<String> sentences = new ArrayList<>();
        for (int s = 0, n = 2 + random.nextInt(4); s < n; s++) {
            if (random.nextInt(10) == 0) {
                sentences.add(boilerplate.get(random.nextInt(boilerplate.size())));
            } else {
                sentences.add(capitalised(sentenceWords(8 + random.nextInt(18), topic)) + ".");
            }
        }
        return String.join(" ", sentences);
    }

    private String sentenceWords(int length, String topic) {
        List<String> out = new ArrayList<>();
        boolean phraseUsed = false;
        while (out.size() < length) {
            if (!phraseUsed && random.nextInt(3) == 0) {
                List<String> phrases = phrasesByTopic.get(topic);
                out.add(phrases.get(random.nextInt(phrases.size())));
                phraseUsed = true;
            } else {
                out.add(word());
            }
        }
        return String.join(" ", out);
    }

    // Skewed towards the list head so frequent words recur as in real text.
    private String word() {
        double u = random.nextDouble();
        return words.get((int) (u * u * words.size()));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<String> paragraphs(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n\n")));
    }

    private static List<String> lines(String resource) {
        try (InputStream in = EditedCopiesCorpus.class.getResourceAsStream("/dedup/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /dedup/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
