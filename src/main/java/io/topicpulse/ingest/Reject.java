package io.topicpulse.ingest;

/**
 * An input record that did not become an article, with the reason and where it came from.
 *
 * @param source the input file's URI
 * @param offset byte offset or line number of the record within {@code source}, -1 for whole files
 * @param url    the page's URL when known, else null
 * @param reason one of {@link RejectReason}, as its lower-case code
 * @param detail a human-readable explanation (exception message, content type seen, kept doc_id, ...)
 */
public record Reject(String source, long offset, String url, String reason, String detail) {

    public static Reject of(RawPage page, RejectReason reason, String detail) {
        return new Reject(page.source(), page.offset(), page.url(), reason.code(), detail);
    }
}
