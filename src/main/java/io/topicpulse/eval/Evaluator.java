package io.topicpulse.eval;

import io.topicpulse.extract.ArticleExtractor;
import io.topicpulse.extract.ExtractedArticle;
import org.jsoup.Jsoup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/** Runs the article extractor over a data set ({@code html/ID.html.gz} + {@code truth.jsonl}) and scores it. */
public final class Evaluator {

    /** Timed passes per measure; the fastest counts. */
    private static final int SPEED_ROUNDS = 3;

    private final ArticleExtractor extractor = new ArticleExtractor();

    /** A page of a data set: its truth and its decoded HTML. */
    public record Page(Truth truth, String html) {
    }

    /**
     * Loads a data set folder.
     *
     * @param limit at most this many pages, in truth.jsonl order; 0 or less for all
     */
    public static List<Page> load(Path dir, int limit) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("dir is not a folder: " + dir);
        }
        Path truthFile = dir.resolve("truth.jsonl");
        if (!Files.isRegularFile(truthFile)) {
            throw new IllegalArgumentException("dir has no truth.jsonl: " + dir);
        }
        List<Page> pages = new ArrayList<>();
        for (Truth t : Truth.read(truthFile)) {
            if (limit > 0 && pages.size() >= limit) {
                break;
            }
            Path html = dir.resolve("html").resolve(t.id() + ".html.gz");
            if (!Files.isRegularFile(html)) {
                continue;
            }
            byte[] bytes;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(html))) {
                bytes = in.readAllBytes();
            }
            pages.add(new Page(t, PageDecoder.decode(bytes, t.url())));
        }
        return pages;
    }

    /** Loads and scores one data set; see {@link #evaluate(String, List)}. */
    public EvalReport evaluate(Path dir, int limit) throws IOException {
        return evaluate(dir.getFileName().toString(), load(dir, limit));
    }

    /**
     * Scores the pages, then times warm single-threaded passes of the extractor and of bare
     * {@code Jsoup.parse(html).text()} over the same decoded pages.
     */
    public EvalReport evaluate(String name, List<Page> pages) {
        EvalReport.Builder report = new EvalReport.Builder(name);
        for (Page page : pages) {
            ExtractedArticle got;
            String error = null;
            try {
                got = extractor.extract(page.html(), page.truth().url());
            } catch (RuntimeException e) {
                // One bad page must not end the evaluation: score it as an empty extraction and say why.
                got = null;
                error = e.toString();
            }
            report.add(page.truth(), got, error);
        }
        Function<Page, Object> extract = p -> extractor.extract(p.html(), p.truth().url());
        Function<Page, Object> parse = p -> Jsoup.parse(p.html(), p.truth().url() == null ? "" : p.truth().url()).text();
        // Warm both, then alternate timed passes and keep each one's best: other load on the machine then
        // slows both alike instead of skewing the ratio.
        pass(pages, extract);
        pass(pages, parse);
        long bestExtract = Long.MAX_VALUE;
        long bestParse = Long.MAX_VALUE;
        for (int round = 0; round < SPEED_ROUNDS; round++) {
            bestParse = Math.min(bestParse, pass(pages, parse));
            bestExtract = Math.min(bestExtract, pass(pages, extract));
        }
        report.speed(perSecond(pages.size(), bestExtract), perSecond(pages.size(), bestParse));
        return report.build();
    }

    private static double perSecond(int pages, long nanos) {
        return pages == 0 || nanos <= 0 ? 0 : pages / (nanos / 1e9);
    }

    /** One single-threaded pass over the pages; returns the nanoseconds it took. */
    private static long pass(List<Page> pages, Function<Page, Object> work) {
        long sink = 0;
        long start = System.nanoTime();
        for (Page p : pages) {
            sink += run(work, p);
        }
        long nanos = System.nanoTime() - start;
        if (sink == Long.MIN_VALUE) {
            // Keeps the JIT from discarding the work; never true.
            System.err.print("");
        }
        return nanos;
    }

    private static int run(Function<Page, Object> work, Page p) {
        try {
            Object o = work.apply(p);
            return o == null ? 0 : o.hashCode() & 1;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Orders failures worst body first, for the failures file. */
    static Comparator<EvalReport.PageResult> worstFirst() {
        return Comparator.comparingDouble(EvalReport.PageResult::bodyF1);
    }
}
