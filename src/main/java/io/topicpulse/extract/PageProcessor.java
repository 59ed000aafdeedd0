package io.topicpulse.extract;

import io.topicpulse.dedup.MinHasher;
import io.topicpulse.dedup.TextFingerprint;
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
            article = extractor.extract(decoded.html(), page.url());
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
        return new PageOutcome.Extracted(new ArticleRecord(docId, url, ArticleIdentity.host(url), article,
                page.fetchedAt(), TextFingerprint.exact(article.text()), minHasher.signature(article.text()),
                decoded.charset(), wordCount, tokenCount,
                page.source(), page.offset()));
    }

    private static PageOutcome reject(RawPage page, RejectReason reason, String detail) {
        return new PageOutcome.Rejected(Reject.of(page, reason, detail));
    }
}
