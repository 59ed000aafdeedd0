package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads WARC and ARC files (plain, gzipped per record or as a whole) with jwarc and yields the HTML responses.
 *
 * <p>A record cut off by the end of the file (a truncated gzip member) yields the part of the page that was there,
 * counted as the {@code truncated} warning: the start of a news page usually holds the article. Any other read
 * error ends the file with a {@code read_failed} reject at the record's offset.
 */
final class WarcPageReader extends AbstractPageIterator {

    private WarcReader reader;
    private boolean ended;

    WarcPageReader(Configuration conf, InputFile file) {
        super(conf, file);
    }

    @Override
    protected void open(InputStream raw) throws IOException {
        reader = new WarcReader(Channels.newChannel(raw));
        // Real archives have LF-only headers, WARC/0.18 versions and control characters in headers.
        reader.setLenient(true);
    }

    @Override
    protected boolean readMore() throws IOException {
        if (ended) {
            return false;
        }
        Optional<WarcRecord> next = reader.next();
        if (next.isEmpty()) {
            return false;
        }
        WarcRecord record = next.get();
        long offset = reader.position();
        String prefix = "ARC".equals(record.version().getProtocol()) ? "arc:" : "warc:";
        if (record instanceof WarcResponse response) {
            readResponse(response, offset, prefix);
        } else if (record instanceof WarcResource resource) {
            readResource(resource, offset, prefix);
        } else {
            skip(prefix + record.type().toLowerCase(Locale.ROOT));
        }
        return true;
    }

    private void readResponse(WarcResponse response, long offset, String prefix) throws IOException {
        String target = response.target();
        MediaType recordType = response.contentType();
        if ((target != null && target.startsWith("dns:")) || recordType.base().equals(MediaType.parse("text/dns"))) {
            skip(prefix + "dns");
            return;
        }
        if (!recordType.base().equals(MediaType.HTTP)) {
            skip(prefix + "non-http-response");
            return;
        }
        HttpResponse http;
        try {
            http = response.http();
        } catch (EOFException e) {
            checkFileAfter(response, offset, target, e, false);
            return;
        } catch (IOException | RuntimeException e) {
            emit(reject(offset, target, RejectReason.MALFORMED_RECORD, "invalid HTTP response: " + describe(e)));
            return;
        }
        String contentType = http.headers().first("Content-Type").orElse(null);
        String mediaType = ContentSniffer.mediaType(contentType);
        boolean undeclared = ContentSniffer.isUndeclared(mediaType);
        if (!undeclared && !ContentSniffer.isHtmlType(mediaType)) {
            emit(reject(offset, target, RejectReason.NOT_HTML, "Content-Type: " + contentType));
            return;
        }
        if (http.status() < 200 || http.status() > 299) {
            emit(reject(offset, target, RejectReason.HTTP_STATUS, statusDetail(http, contentType)));
            return;
        }
        PageReaders.Slurp stored = PageReaders.slurp(http.body().stream(), maxPageBytes);
        if (stored.tooLarge()) {
            emit(reject(offset, target, RejectReason.TOO_LARGE, "payload over " + maxPageBytes + " bytes ("
                    + PageReaders.MAX_PAGE_BYTES + ")"));
            return;
        }
        boolean truncated = response.truncated() != WarcTruncationReason.NOT_TRUNCATED;
        if (stored.failure() != null) {
            if (stored.bytes().length == 0) {
                checkFileAfter(response, offset, target, stored.failure(), false);
                return;
            }
            truncated = true;
        }
        ContentDecoding.Decoded decoded;
        try {
            decoded = ContentDecoding.decode(stored.bytes(),
                    ContentDecoding.encodings(http.headers().all("Content-Encoding")), maxPageBytes);
        } catch (IOException e) {
            emit(reject(offset, target, RejectReason.READ_FAILED, describe(e)));
            return;
        }
        if (decoded.tooLarge()) {
            emit(reject(offset, target, RejectReason.TOO_LARGE, "decoded payload over " + maxPageBytes + " bytes ("
                    + PageReaders.MAX_PAGE_BYTES + ")"));
            return;
        }
        if (undeclared && !ContentSniffer.looksLikeHtml(decoded.bytes())) {
            emit(reject(offset, target, RejectReason.NOT_HTML, "Content-Type: " + contentType
                    + ", and the payload does not start like HTML"));
            return;
        }
        if (decoded.mismatch()) {
            warn("content-encoding-not-applied");
        }
        yieldPage(response, offset, target, contentType, decoded.bytes(), truncated || decoded.truncated());
        if (stored.failure() != null) {
            checkFileAfter(response, offset, target, stored.failure(), true);
        }
    }

    private void readResource(WarcResource resource, long offset, String prefix) throws IOException {
        MediaType type = resource.contentType();
        if (!ContentSniffer.isHtmlType(ContentSniffer.mediaType(type.toString()))) {
            skip(prefix + "resource");
            return;
        }
        PageReaders.Slurp stored = PageReaders.slurp(resource.body().stream(), maxPageBytes);
        if (stored.tooLarge()) {
            emit(reject(offset, resource.target(), RejectReason.TOO_LARGE, "payload over " + maxPageBytes
                    + " bytes (" + PageReaders.MAX_PAGE_BYTES + ")"));
            return;
        }
        if (stored.failure() != null && stored.bytes().length == 0) {
            checkFileAfter(resource, offset, resource.target(), stored.failure(), false);
            return;
        }
        yieldPage(resource, offset, resource.target(), type.toString(), stored.bytes(),
                stored.failure() != null || resource.truncated() != WarcTruncationReason.NOT_TRUNCATED);
        if (stored.failure() != null) {
            checkFileAfter(resource, offset, resource.target(), stored.failure(), true);
        }
    }

    private void yieldPage(WarcRecord record, long offset, String target, String contentType, byte[] body,
                           boolean truncated) {
        Instant fetchedAt;
        try {
            fetchedAt = record.date();
        } catch (RuntimeException e) {
            // Old crawlers wrote dates like '2008-10-294T05:21:46-0700'; the page is still worth reading.
            fetchedAt = null;
            warn("warc:bad-date");
        }
        if (truncated) {
            warn("truncated");
        }
        emit(new ReadResult.Page(new RawPage(file.uri(), offset, target, fetchedAt, contentType, body)));
    }

    /**
     * After a payload read error, finds out whether only the record's HTTP framing was bad (the next record is still
     * reachable) or the file itself breaks here (nothing after it can be read), and rejects what was not yielded.
     */
    private void checkFileAfter(WarcRecord record, long offset, String target, IOException cause,
                                boolean pageYielded) {
        try {
            record.body().consume();
            if (!pageYielded) {
                emit(reject(offset, target, RejectReason.READ_FAILED, describe(cause)));
            }
        } catch (EOFException e) {
            // The file ends inside this record: nothing after it is lost.
            ended = true;
            if (!pageYielded) {
                emit(reject(offset, target, RejectReason.READ_FAILED, "file ends inside this record: "
                        + describe(cause)));
            }
        } catch (IOException | RuntimeException e) {
            ended = true;
            emit(reject(offset, target, RejectReason.READ_FAILED, "unreadable from here to the end of the file: "
                    + describe(e)));
        }
    }

    // The Content-Type stays in the detail: it tells an HTML error page from a bodiless redirect.
    private static String statusDetail(HttpResponse http, String contentType) {
        String detail = "HTTP " + http.status();
        String reason = http.reason();
        if (reason != null && !reason.isBlank()) {
            detail += " " + reason.trim();
        }
        Optional<String> location = http.headers().first("Location");
        if (http.status() >= 300 && http.status() < 400 && location.isPresent()) {
            detail += " -> " + location.get();
        }
        return detail + "; Content-Type: " + (contentType == null ? "none" : contentType);
    }

    @Override
    protected long currentOffset() {
        return reader == null ? 0 : reader.position();
    }
}
