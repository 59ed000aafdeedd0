package io.topicpulse.extract;

import java.io.Serializable;
import java.time.Instant;

/**
 * An extracted article together with its identity and provenance: one future row of {@code articles}.
 *
 * @param docId       stable id, see {@link ArticleIdentity#docId}
 * @param url         fetched URL, else canonical URL, else null
 * @param host        source outlet, see {@link ArticleIdentity#host}
 * @param article     what extraction found
 * @param fetchedAt   when the page was fetched, else null
 * @param contentHash hash of the normalised text, equal for exact copies
 * @param minhash     MinHash signature of the text, for near-duplicate detection
 * @param charset     the charset the bytes were decoded with
 * @param wordCount   tokens in the text
 * @param tokenCount  tokens in title and text
 * @param source      input file
 * @param offset      record offset in the input file, -1 for whole files
 */
public record ArticleRecord(String docId, String url, String host, ExtractedArticle article, Instant fetchedAt,
                            String contentHash, int[] minhash, String charset, int wordCount, int tokenCount, String source,
                            long offset) implements Serializable {
}
