package io.topicpulse.ingest;

import java.time.Instant;

/**
 * One candidate page as a reader found it: undecoded bytes plus where they came from.
 *
 * @param source      the input file's identity ({@link InputFile#uri()}: its real path, not the path it was reached by)
 * @param offset      where the record starts in {@code source}: byte offset of a WARC record, line number
 *                    (1-based) of a JSON Lines record, or -1 for a file that is one page
 * @param url         the page's URL when the input says it (WARC target URI, JSONL {@code url}), else null
 * @param fetchedAt   when the page was fetched (WARC-Date, JSONL {@code fetched_at}), else null
 * @param contentType the HTTP Content-Type header value when there was one, else null
 * @param body        the payload bytes, transfer- and content-decoded (no chunking, no gzip), not yet charset-decoded
 */
public record RawPage(String source, long offset, String url, Instant fetchedAt, String contentType, byte[] body) {

    /** Where this record came from, for reject rows and log lines: {@code file@offset}. */
    public String location() {
        return offset < 0 ? source : source + "@" + offset;
    }
}
