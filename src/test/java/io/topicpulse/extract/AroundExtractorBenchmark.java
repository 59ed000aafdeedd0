package io.topicpulse.extract;

import io.topicpulse.eval.SpeedTrial;
import io.topicpulse.ingest.DecodeException;
import io.topicpulse.ingest.HtmlDecoder;
import io.topicpulse.ingest.InputFile;
import io.topicpulse.ingest.InputFormat;
import io.topicpulse.ingest.PageIterator;
import io.topicpulse.ingest.PageReaders;
import io.topicpulse.ingest.RawPage;
import io.topicpulse.ingest.ReadResult;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures what {@link PageProcessor#process(RawPage)} costs beyond {@link ArticleExtractor#extract} on real pages,
 * one thread, warm: both run on every page in interleaved rounds ({@link SpeedTrial}), so the ratio of their rates
 * holds on a busy machine. The extractor gets the page already decoded; everything else it does not do (decoding,
 * token counts, fingerprints, MinHash, identity) is the share around it.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:$(cat target/classpath.txt)
 * io.topicpulse.extract.AroundExtractorBenchmark ../shared/data/warc/news-pages-985.warc.gz [rounds]}
 */
public final class AroundExtractorBenchmark {

    private AroundExtractorBenchmark() {
    }

    /** One page with its HTML decoded ahead of the timing, for the extractor alone. */
    private record Page(RawPage raw, String html) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: AroundExtractorBenchmark FILE.warc.gz [rounds]");
            System.exit(2);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Page> pages = new ArrayList<>();
        InputFile input = new InputFile(file.toUri().toString(), InputFormat.WARC, Files.size(file),
                Files.getLastModifiedTime(file).toMillis());
        try (PageIterator records = PageReaders.open(new Configuration(), input)) {
            while (records.hasNext()) {
                if (records.next() instanceof ReadResult.Page p) {
                    try {
                        pages.add(new Page(p.page(), HtmlDecoder.decode(p.page()).html()));
                    } catch (DecodeException e) {
                        // Not HTML: the processor rejects it at once, the extractor never sees it.
                    }
                }
            }
        }
        PageProcessor processor = new PageProcessor();
        ArticleExtractor extractor = new ArticleExtractor();
        SpeedTrial trial = SpeedTrial.run(pages, p -> processor.process(p.raw()),
                p -> extractor.extract(p.html(), p.raw().url()), rounds);
        System.out.println(pages.size() + " pages: " + trial.describe("PageProcessor.process", "ArticleExtractor.extract"));
        System.out.printf(Locale.ROOT, "around the extractor: %.0f %% of the extractor's own time (1 / ratio - 1;"
                + " rounds %.0f-%.0f %%)%n", 100 * (1 / trial.ratio() - 1), 100 * (1 / trial.highestRatio() - 1),
                100 * (1 / trial.lowestRatio() - 1));
    }
}
