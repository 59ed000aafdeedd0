package io.topicpulse.topics;

import io.topicpulse.SharedData;
import io.topicpulse.extract.ArticleExtractor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Benchmark, not a test: the cost of matching a 1,000-term lexicon (and of counting every term) against the cost of
 * {@code Jsoup.parse} + {@code text()} and of the whole extraction ({@link ArticleExtractor}) of the same real pages
 * from {@code ../shared/data/extraction}.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.topicpulse.topics.MatchingBenchmark}. The lexicon's terms are drawn (fixed seed) from the
 * pages' own words and two-word phrases, so many of them occur: more trie hits than a real lexicon would see. The
 * matched text is the whole page text, not only the article: more text than the pipeline gives the matcher.
 */
public final class MatchingBenchmark {

    private static final int ROUNDS = 5;

    private MatchingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (!SharedData.present()) {
            System.out.println("no ../shared/data: nothing to measure");
            return;
        }
        Path root = SharedData.dir("extraction");
        List<byte[]> pages = readPages(root);
        List<String> titles = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (byte[] page : pages) {
            Document doc = parse(page);
            titles.add(doc.title());
            texts.add(doc.body() == null ? "" : doc.body().text());
        }
        Lexicon lexicon = Lexicon.parse(lexiconYaml(texts, 1_000), "benchmark-1000-terms");
        TopicMatcher matcher = new TopicMatcher(lexicon);
        TermCounter termCounter = new TermCounter();
        System.out.printf("pages: %d, %.1f MB of HTML; lexicon: %d topics, %d terms%n", pages.size(),
                pages.stream().mapToLong(p -> p.length).sum() / 1e6, lexicon.topics().size(), lexicon.formCount());

        long[] parseNanos = new long[pages.size()];
        long[] matchNanos = new long[pages.size()];
        long[] countNanos = new long[pages.size()];
        long[] tokenizeNanos = new long[pages.size()];
        long[] extractNanos = new long[pages.size()];
        List<String> htmls = new ArrayList<>();
        for (byte[] page : pages) {
            htmls.add(parse(page).outerHtml());
        }
        ArticleExtractor extractor = new ArticleExtractor();
        long sink = 0;
        for (int round = 0; round <= ROUNDS; round++) {
            boolean warmUp = round == 0;
            for (int i = 0; i < pages.size(); i++) {
                long t0 = System.nanoTime();
                Document doc = parse(pages.get(i));
                sink += doc.body() == null ? 0 : doc.body().text().length();
                long t1 = System.nanoTime();
                sink += matcher.match(titles.get(i), texts.get(i)).mentions().size();
                long t2 = System.nanoTime();
                sink += termCounter.count(titles.get(i), texts.get(i)).size();
                long t3 = System.nanoTime();
                sink += Tokenizer.tokenize(titles.get(i)).size() + Tokenizer.tokenize(texts.get(i)).size();
                long t4 = System.nanoTime();
                sink += extractor.extract(htmls.get(i), "http://example.invalid/").text().length();
                long t5 = System.nanoTime();
                if (!warmUp) {
                    extractNanos[i] = round == 1 ? t5 - t4 : Math.min(extractNanos[i], t5 - t4);
                    tokenizeNanos[i] = round == 1 ? t4 - t3 : Math.min(tokenizeNanos[i], t4 - t3);
                    // Best of the rounds: on a shared machine a thread can lose the CPU for tens of ms at any time.
                    parseNanos[i] = round == 1 ? t1 - t0 : Math.min(parseNanos[i], t1 - t0);
                    matchNanos[i] = round == 1 ? t2 - t1 : Math.min(matchNanos[i], t2 - t1);
                    countNanos[i] = round == 1 ? t3 - t2 : Math.min(countNanos[i], t3 - t2);
                }
            }
        }
        long parse = Arrays.stream(parseNanos).sum();
        long match = Arrays.stream(matchNanos).sum();
        long count = Arrays.stream(countNanos).sum();
        long tokenize = Arrays.stream(tokenizeNanos).sum();
        long extract = Arrays.stream(extractNanos).sum();
        System.out.printf("per page (best of %d rounds, mean over pages): jsoup parse+text %.2f ms, match %.3f ms, "
                        + "term count %.3f ms%n", ROUNDS, parse / 1e6 / pages.size(), match / 1e6 / pages.size(),
                count / 1e6 / pages.size());
        System.out.printf("matching 1,000 terms: %.1f%% of jsoup parse time overall, median page %.1f%%, "
                        + "90th percentile page %.1f%%%n",
                100.0 * match / parse, percentile(matchNanos, parseNanos, 0.5), percentile(matchNanos, parseNanos, 0.9));
        System.out.printf("matching 1,000 terms: %.1f%% of extraction time (ArticleExtractor: parse + content + "
                        + "metadata, %.2f ms per page) overall, median page %.1f%%%n", 100.0 * match / extract,
                extract / 1e6 / pages.size(), percentile(matchNanos, extractNanos, 0.5));
        System.out.printf("of which tokenizing alone: %.1f%% of jsoup parse time overall%n", 100.0 * tokenize / parse);
        System.out.printf("term counting (words + two-word phrases): %.1f%% of jsoup parse time overall, median page "
                + "%.1f%%%n", 100.0 * count / parse, percentile(countNanos, parseNanos, 0.5));
        System.out.println("(checksum " + sink + ")");
    }

    private static double percentile(long[] part, long[] whole, double q) {
        double[] ratios = new double[part.length];
        for (int i = 0; i < part.length; i++) {
            ratios[i] = 100.0 * part[i] / Math.max(1, whole[i]);
        }
        Arrays.sort(ratios);
        return ratios[(int) Math.min(ratios.length - 1, Math.floor(q * ratios.length))];
    }

    private static Document parse(byte[] page) {
        try {
            return Jsoup.parse(new ByteArrayInputStream(page), null, "http://example.invalid/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> readPages(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".html.gz"))
                    .sorted().toList();
        }
        List<byte[]> pages = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = file.toString().endsWith(".gz")
                    ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
                pages.add(in.readAllBytes());
            }
        }
        return pages;
    }

    /** 100 topics of {@code terms / 100} terms each, half single words and half two-word phrases of the pages. */
    static String lexiconYaml(List<String> texts, int terms) {
        Map<String, Integer> frequency = new HashMap<>();
        TermCounter counter = new TermCounter();
        for (String text : texts) {
            counter.count("", text).forEach((k, v) -> frequency.merge(k, v, Integer::sum));
        }
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        frequency.forEach((key, n) -> {
            if (n >= 3 && key.matches("\\p{L}{3,}( \\p{L}{3,})?")) {
                (key.indexOf(' ') < 0 ? words : phrases).add(key);
            }
        });
        words.sort(null);
        phrases.sort(null);
        Random random = new Random(1000);
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < terms) {
            List<String> from = chosen.size() % 2 == 0 ? words : phrases;
            chosen.add(from.get(random.nextInt(from.size())));
        }
        StringBuilder yaml = new StringBuilder("version: bench\ntopics:\n");
        List<String> all = new ArrayList<>(chosen);
        int perTopic = Math.max(1, terms / 100);
        for (int t = 0; t * perTopic < all.size(); t++) {
            yaml.append("  topic").append(t).append(":\n    exclude: [\"")
                    .append(all.get(t * perTopic)).append(" said\"]\n    terms:\n");
            for (String term : all.subList(t * perTopic, Math.min(all.size(), (t + 1) * perTopic))) {
                yaml.append("      - \"").append(term).append("\"\n");
            }
        }
        return yaml.toString();
    }
}
