package io.topicpulse.ingest;

import java.util.Locale;

/** Why an input record did not become an article; the lower-case code is what the rejects table stores. */
public enum RejectReason {
    /** The file or record could not be read (I/O error, truncated gzip member, malformed WARC header). */
    READ_FAILED,
    /** A record that is not well-formed: a JSON line that is not valid JSON or lacks fields, a WARC response whose HTTP message does not parse. */
    MALFORMED_RECORD,
    /** The payload is not HTML (image, PDF, JSON, CSS, ...). */
    NOT_HTML,
    /** An HTML response whose HTTP status is not 2xx (redirect, error page); the detail holds the status. */
    HTTP_STATUS,
    /** The bytes could not be turned into text in any plausible charset. */
    DECODE_FAILED,
    /** Extraction found no article text worth keeping (empty page, index page, error page). */
    EMPTY_TEXT,
    /** The extractor threw on this page; the detail holds the exception. */
    EXTRACT_FAILED,
    /** The same URL with the same text was already seen in this run or an earlier one. */
    DUPLICATE,
    /** The page is larger than the configured maximum and was not parsed. */
    TOO_LARGE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
