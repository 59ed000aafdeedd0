package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads WARC and ARC files (plain, gzipped per record or as a whole) with jwarc and yields the HTML responses.
 *
 * <p>A record cut off by the end of the file (a truncated gzip member) yields the part of the page that was there,
 * counted as the {@code truncated} warning: the start of a news page usually holds the article. Any other read
 * error gives a {@code read_failed} reject at the record's offset, then reading resumes at the next place where a
 * whole record header parses: the next gzip member in a gzipped file, the next {@code WARC/} line otherwise.
 */
final class WarcPageReader extends AbstractPageIterator {

    private static final MediaType DNS = MediaType.parse("text/dns");
    private static final byte[] GZIP_MEMBER_START = {0x1f, (byte) 0x8b, 0x08};
    private static final byte[] WARC_HEADER_START = "\nWARC/".getBytes(StandardCharsets.US_ASCII);

    private WarcReader reader;
    /** Where the current reader's stream starts in the file: 0, or the offset reading resumed at. */
    private long base;
    private boolean gzipped;
    private WarcRecord resumedRecord;
    private InputStream resumedStream;
    private boolean ended;

    WarcPageReader(Configuration conf, InputFile file) {
        super(conf, file);
    }

    @Override
    protected void open(InputStream raw) throws IOException {
        reader = lenientReader(raw);
        gzipped = reader.compression() == WarcCompression.GZIP;
    }

    private static WarcReader lenientReader(InputStream in) throws IOException {
        WarcReader reader = new WarcReader(Channels.newChannel(in));
        // Real archives have LF-only headers, WARC/0.18 versions and control characters in headers.
        reader.setLenient(true);
        return reader;
    }

    @Override
    protected boolean readMore() throws IOException {
        if (ended) {
            return false;
        }
        Optional<WarcRecord> next = resumedRecord != null ? Optional.of(resumedRecord) : reader.next();
        resumedRecord = null;
        if (next.isEmpty()) {
            return false;
        }
        WarcRecord record = next.get();
        long offset = base + reader.position();
        String prefix = "ARC".equals(record.version().getProtocol()) ? "arc:" : "warc:";
        try {
            if (record instanceof WarcResponse response) {
                readResponse(response, offset, prefix);
            } else if (record instanceof WarcResource resource) {
                readResource(resource, offset, prefix);
            } else {
                skip(prefix + record.type().toLowerCase(Locale.ROOT));
            }
        } catch (RuntimeException e) {
            // A header value jwarc cannot interpret spoils this record only; the framing is intact.
            emit(reject(offset, null, RejectReason.MALFORMED_RECORD, "unreadable WARC record: " + describe(e)));
        }
        return true;
    }

    private void readResponse(WarcResponse response, long offset, String prefix) throws IOException {
        String target = response.target();
        MediaType recordType = response.contentType();
        if ((target != null && target.startsWith("dns:")) || recordType.base().equals(DNS)) {
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
        PageReaders.Slurp stored = PageReaders.slurp(http.body().stream(), maxPageBytes, http.body().size());
        if (stored.tooLarge()) {
            emit(tooLarge(offset, target, "payload"));
            return;
        }
        boolean truncated = isTruncated(response);
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
            emit(tooLarge(offset, target, "decoded payload"));
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
        PageReaders.Slurp stored = PageReaders.slurp(resource.body().stream(), maxPageBytes,
                resource.body().size());
        if (stored.tooLarge()) {
            emit(tooLarge(offset, resource.target(), "payload"));
            return;
        }
        if (stored.failure() != null && stored.bytes().length == 0) {
            checkFileAfter(resource, offset, resource.target(), stored.failure(), false);
            return;
        }
        yieldPage(resource, offset, resource.target(), type.toString(), stored.bytes(),
                stored.failure() != null || isTruncated(resource));
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
            long resumedAt = resumeAfter(offset);
            ended = resumedAt < 0;
            emit(reject(offset, target, RejectReason.READ_FAILED, describe(e) + resumption(resumedAt)));
        }
    }

    @Override
    protected long resumeAfter(long failedOffset) {
        if (reader == null || failedOffset < 0) {
            return -1;
        }
        byte[] marker = gzipped ? GZIP_MEMBER_START : WARC_HEADER_START;
        // The marker for plain WARCs includes the newline before "WARC/", so the record starts one byte later.
        int skew = gzipped ? 0 : 1;
        Path path = new Path(file.uri());
        try (InputStream scan = PageReaders.openStream(conf, path, failedOffset + 1)) {
            long position = failedOffset + 1;
            int matched = 0;
            int b;
            while ((b = scan.read()) >= 0) {
                position++;
                matched = b == (marker[matched] & 0xff) ? matched + 1 : (b == (marker[0] & 0xff) ? 1 : 0);
                if (matched == marker.length) {
                    matched = 0;
                    long candidate = position - marker.length + skew;
                    if (resumeAt(path, candidate)) {
                        return candidate;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Switches to a reader at {@code offset} if a whole record header parses there. */
    private boolean resumeAt(Path path, long offset) {
        InputStream in = null;
        try {
            in = PageReaders.openStream(conf, path, offset);
            WarcReader candidate = lenientReader(in);
            Optional<WarcRecord> record = candidate.next();
            if (record.isEmpty()) {
                in.close();
                return false;
            }
            closeResumedStream();
            reader = candidate;
            base = offset;
            resumedStream = in;
            resumedRecord = record.get();
            return true;
        } catch (IOException | RuntimeException e) {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // Only a probe: nothing was read from it that matters.
                }
            }
            return false;
        }
    }

    private void closeResumedStream() {
        if (resumedStream != null) {
            try {
                resumedStream.close();
            } catch (IOException ignored) {
                // Read-only stream: closing cannot lose data.
            }
            resumedStream = null;
        }
    }

    @Override
    public void close() {
        closeResumedStream();
        super.close();
    }

    /** WARC-Truncated set by the crawler (length, time, disconnect...), whatever its value. */
    private static boolean isTruncated(WarcRecord record) {
        return record.headers().first("WARC-Truncated").isPresent();
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

    /** After a resumption the records come from a stream of their own, opened at the record it resumed at. */
    @Override
    public long bytesRead() {
        long resumed = resumedStream instanceof PageReaders.FileStream f ? f.position() : 0;
        return Math.max(super.bytesRead(), Math.min(resumed, file.size()));
    }

    @Override
    protected long currentOffset() {
        return reader == null ? 0 : base + reader.position();
    }
}
