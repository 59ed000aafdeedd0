package io.topicpulse.extract;

import io.topicpulse.dedup.MinHasher;
import io.topicpulse.dedup.TextFingerprint;
import io.topicpulse.extract.meta.DateConfidence;
import io.topicpulse.ingest.DecodeException;
import io.topicpulse.ingest.DecodedHtml;
import io.topicpulse.ingest.HtmlDecoder;
import io.topicpulse.ingest.RawPage;
import io.topicpulse.ingest.ReadResult;
import io.topicpulse.ingest.Reject;
import io.topicpulse.ingest.RejectReason;
import io.topicpulse.topics.Tokenizer;

/**
 * Takes one record from a reader to its outcome: decode, extract, identify. Pure and lenient: a bad page becomes
 * a reject with a reason, never an exception.
 */
public final class PageProcessor {

    /** Fewer tokens of main text than this and the page is an index, error or empty page, not an article. */
    public static final int MIN_TEXT_TOKENS = 15;

    private final ArticleExtractor extractor = new ArticleExtractor();
    private final MinHasher minHasher = MinHasher.standard();
    private final double minDateConfidence;

    /** A processor with the default date floor ({@link DateConfidence#DEFAULT_FLOOR}). */
    public PageProcessor() {
        this(DateConfidence.DEFAULT_FLOOR);
    }

    /**
     * @param minDateConfidence dates with a lower confidence are set aside: the article is kept undated, with the
     *                          rejected day in date_detail
     */
    public PageProcessor(double minDateConfidence) {
        if (!DateConfidence.isValidFloor(minDateConfidence)) {
            throw new IllegalArgumentException("minDateConfidence must be in [0, 1], was " + minDateConfidence);
        }
        this.minDateConfidence = minDateConfidence;
    }

    /** The outcome of a reader's result: its reject as is, or the page processed. */
    public PageOutcome process(ReadResult result) {
        if (result instanceof ReadResult.Rejected rejected) {
            return new PageOutcome.Rejected(rejected.reject());
        }
        return process(((ReadResult.Page) result).page());
    }

    public PageOutcome process(RawPage page) {
        DecodedHtml decoded;
        try {
            decoded = HtmlDecoder.decode(page);
        } catch (DecodeException e) {
            return reject(page, e.reason(), e.getMessage());
        }
        ExtractedArticle article;
        try {
            article = extractor.extract(decoded.html(), page.url()).withDateFloor(minDateConfidence);
        } catch (RuntimeException | StackOverflowError e) {
            // A page that breaks the extractor is that page's problem, not the job's.
            return reject(page, RejectReason.EXTRACT_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        int wordCount = Tokenizer.count(article.text());
        if (wordCount < MIN_TEXT_TOKENS) {
            return reject(page, RejectReason.EMPTY_TEXT, wordCount + " tokens of main text (minimum "
                    + MIN_TEXT_TOKENS + ")");
        }
        int tokenCount = wordCount + Tokenizer.count(article.title());
        String url = page.url() != null ? page.url() : article.canonicalUrl();
        String docId = ArticleIdentity.docId(ArticleIdentity.key(page.url(), article.canonicalUrl(), page.location()));
        // One normalisation serves both fingerprints.
        String normalized = TextFingerprint.normalize(article.text());
        return new PageOutcome.Extracted(new ArticleRecord(docId, url, ArticleIdentity.host(url), article,
                page.fetchedAt(), TextFingerprint.exactOfNormalized(normalized),
                minHasher.signatureOfNormalized(normalized),
                decoded.charset(), wordCount, tokenCount,
                page.source(), page.offset()));
    }

    /**
     * Processes a small built-in page once, on a daemon thread of its own, so that what any first page needs is
     * loaded by the time the real pages arrive: the language profiles alone take over a second to read, during
     * which every other extracting thread would wait for them. Worth starting when this JVM is about to extract and
     * has other start-up work to do meanwhile (a local Spark session).
     */
    public static void warmUpInBackground() {
        Thread thread = new Thread(PageProcessor::warmUp, "topicpulse-extractor-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** The work of {@link #warmUpInBackground}, in the calling thread; the outcome of the built-in page. */
    static PageOutcome warmUp() {
        return new PageProcessor().process(new RawPage("warm-up", 0, "https://example.com/2024/11/30/harbor-vote",
                null, "text/html; charset=utf-8", WARM_UP_PAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static final String WARM_UP_PAGE = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbor vote passes | Example News</title>
            <meta property="og:title" content="Harbor vote passes">
            <meta property="article:published_time" content="2024-11-30T08:00:00Z">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbor vote passes",
            "datePublished":"2024-11-30T08:00:00Z","author":{"@type":"Person","name":"Ann Lee"}}</script></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <article><h1>Harbor vote passes</h1><p class="byline">By Ann Lee, 30 November 2024</p>
            <p>The city council voted on Friday to rebuild the old harbor, ending a debate that had run for three
            years and divided the fishing families from the new residents of the waterfront.</p>
            <p>Work on the breakwater starts in the spring, the mayor said, and the first boats should return to the
            inner basin before the autumn storms.</p></article>
            <aside><h2>Latest</h2><ul><li><a href="/a">Choir wins the regional prize</a></li></ul></aside>
            <footer>&copy; 2024 Example News</footer></body></html>
            """;

    private static PageOutcome reject(RawPage page, RejectReason reason, String detail) {
        return new PageOutcome.Rejected(Reject.of(page, reason, detail));
    }
}
