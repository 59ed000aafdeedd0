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

    /** Timed rounds of the speed trial; the median round's ratio counts. */
    private static final int SPEED_ROUNDS = 5;

    private final ArticleExtractor extractor = new ArticleExtractor();
    private final boolean timed;

    /** An evaluator that also times the extractor. */
    public Evaluator() {
        this(true);
    }

    /** @param timed false to skip the speed trial (quality figures only, several times faster) */
    public Evaluator(boolean timed) {
        this.timed = timed;
    }

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
     * Scores the pages, then times the extractor against bare {@code Jsoup.parse(html).text()} on the same decoded
     * pages, one thread, warm, interleaved page by page (see {@link SpeedTrial}).
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
        if (timed) {
            Function<Page, Object> extract = p -> extractor.extract(p.html(), p.truth().url());
            Function<Page, Object> parse = p -> Jsoup.parse(p.html(), p.truth().url() == null ? ""
                    : p.truth().url()).text();
            report.speed(SpeedTrial.run(pages, extract, parse, SPEED_ROUNDS));
        }
        return report.build();
    }

    /** Orders failures worst body first, for the failures file. */
    static Comparator<EvalReport.PageResult> worstFirst() {
        return Comparator.comparingDouble(EvalReport.PageResult::bodyF1);
    }
}
