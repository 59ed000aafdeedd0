package io.topicpulse.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import org.apache.hadoop.conf.Configuration;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * Reads JSON Lines where each line is an object with string fields {@code url} and {@code html} and an optional
 * {@code fetched_at}; the offset of a record is its 1-based line number.
 */
final class JsonLinesReader extends AbstractPageIterator {

    /** The html field is already text, so the page says UTF-8 and the decoder takes it without guessing. */
    static final String CONTENT_TYPE = "text/html; charset=UTF-8";

    // Numbers this large are not plausible epoch seconds (year 5138+), but are plausible epoch milliseconds.
    private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final int stripe;
    private final int stripes;
    private InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private byte[] lineBytes = new byte[1 << 16];
    private int lineLength;
    private long lineNumber;

    JsonLinesReader(Configuration conf, InputFile file) {
        this(conf, file, 0, 1);
    }

    /** Reads only lines {@code stripe + 1}, {@code stripe + 1 + stripes}, …: see {@link PageReaders#open}. */
    JsonLinesReader(Configuration conf, InputFile file, int stripe, int stripes) {
        super(conf, file);
        this.stripe = stripe;
        this.stripes = stripes;
    }

    @Override
    protected void open(InputStream raw) throws IOException {
        // Also the start of a re-read (see skipTo): reading starts again at line 1.
        position = 0;
        limit = 0;
        skipLineFeed = false;
        lineNumber = 0;
        in = PageReaders.gunzipIfCompressed(raw);
    }

    @Override
    protected boolean canReread() {
        return true;
    }

    /** Counts lines on bytes, as stripes pass over the lines of others, so going back costs a scan, not a parse. */
    @Override
    protected void skipTo(long line) throws IOException {
        while (lineNumber < line - 1) {
            if (!nextLine(false)) {
                throw new EOFException("the file ends after line " + lineNumber + " when read again");
            }
            lineNumber++;
        }
    }

    @Override
    protected boolean readMore() throws IOException {
        boolean mine;
        do {
            mine = isMine(lineNumber + 1);
            if (!nextLine(mine)) {
                return false;
            }
            lineNumber++;
        } while (!mine);
        int from = 0;
        if (lineNumber == 1 && lineLength >= 3 && (lineBytes[0] & 0xff) == 0xEF && (lineBytes[1] & 0xff) == 0xBB
                && (lineBytes[2] & 0xff) == 0xBF) {
            // Editors on Windows start UTF-8 files with a byte order mark; it is not part of the JSON.
            from = 3;
        }
        ReadResult record = parse(from);
        if (record == null) {
            skip("jsonl:blank");
        } else {
            emit(record);
        }
        return true;
    }

    /**
     * Reads the next line's bytes into {@code lineBytes} ({@code keep}) or past it, ending lines where
     * {@link BufferedReader#readLine} does (\n, \r or \r\n), so line numbers are the same; false at the end of
     * the stream. Bytes, not characters: a stripe skips the other stripes' lines without decoding them, and the
     * terminators are ASCII, never inside a multi-byte UTF-8 character.
     */
    private boolean nextLine(boolean keep) throws IOException {
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any;
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (keep) {
                append(start, position - start);
            }
            any |= position > start;
            if (position < limit) {
                skipLineFeed = buffer[position] == '\r';
                position++;
                return true;
            }
        }
    }

    private void append(int from, int length) {
        if (lineLength + length > lineBytes.length) {
            lineBytes = Arrays.copyOf(lineBytes, Math.max(lineBytes.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, from, lineBytes, lineLength, length);
        lineLength += length;
    }

    /** The record on the current line, from byte {@code from} of {@link #lineBytes}; null for a blank line. */
    private ReadResult parse(int from) {
        JsonNode node;
        try {
            // Jackson reads UTF-8 bytes faster than a decoded copy of a 100 KB line; and the line is valid UTF-8
            // almost always.
            node = JSON.readTree(lineBytes, from, lineLength - from);
            if (node == null || node.isMissingNode()) {
                // Nothing but JSON's white space: a blank line.
                return null;
            }
        } catch (IOException e) {
            // Bytes that are not UTF-8, or a line blank with white space JSON does not allow (U+2003, a
            // vertical tab): decoded leniently (U+FFFD for each bad byte), as a line of text. The String parser
            // also gives the error message that names the JSON problem.
            String line = new String(lineBytes, from, lineLength - from, StandardCharsets.UTF_8);
            if (line.isBlank()) {
                return null;
            }
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException textError) {
                return malformed(null, "invalid JSON: " + textError.getOriginalMessage());
            }
        }
        if (node == null || !node.isObject()) {
            return malformed(null, "not a JSON object");
        }
        JsonNode url = node.get("url");
        JsonNode html = node.get("html");
        String knownUrl = url != null && url.isTextual() ? url.textValue() : null;
        if (knownUrl == null || knownUrl.isBlank()) {
            return malformed(null, "missing string field 'url'");
        }
        if (html == null || !html.isTextual()) {
            return malformed(knownUrl, "missing string field 'html'");
        }
        byte[] body = html.textValue().getBytes(StandardCharsets.UTF_8);
        if (body.length > maxPageBytes) {
            return reject(lineNumber, knownUrl, RejectReason.TOO_LARGE,
                    "line " + lineNumber + ": html of " + body.length + " bytes, over " + maxPageBytes);
        }
        Instant fetchedAt = null;
        JsonNode fetched = node.get("fetched_at");
        if (fetched != null && !fetched.isNull()) {
            fetchedAt = parseInstant(fetched);
            if (fetchedAt == null) {
                warn("jsonl:bad-fetched_at");
            }
        }
        return new ReadResult.Page(new RawPage(file.uri(), lineNumber, knownUrl, fetchedAt, CONTENT_TYPE, body));
    }

    /** ISO-8601 instant or date-time with offset, or epoch seconds (milliseconds when implausibly large); else null. */
    static Instant parseInstant(JsonNode value) {
        try {
            if (value.isIntegralNumber()) {
                long number = value.longValue();
                return Math.abs(number) >= EPOCH_MILLIS_THRESHOLD
                        ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
            }
            if (value.isNumber()) {
                return Instant.ofEpochMilli(Math.round(value.doubleValue() * 1000));
            }
            if (value.isTextual()) {
                String text = value.textValue().trim();
                // Exporters that quote every value write epoch seconds as strings.
                return text.matches("-?\\d{1,18}") ? parseInstant(LongNode.valueOf(Long.parseLong(text)))
                        : OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
        return null;
    }

    private ReadResult malformed(String url, String why) {
        return reject(lineNumber, url, RejectReason.MALFORMED_RECORD, "line " + lineNumber + ": " + why);
    }

    @Override
    protected long currentOffset() {
        return lineNumber + 1;
    }

    /**
     * Every stripe reads the same bytes, so an error in the data stops all of them at the same line, also when they
     * read it again: the stripe owning that line reports it (the first stripe when the file did not open), the
     * others end quietly. An error only one stripe meets is retried ({@link AbstractPageIterator#hasNext}): it either
     * passes or makes the stripe report what it did not read. Only a passing error that strikes one stripe twice at
     * the same line goes unreported, taken for an error in the data that the owner reports.
     */
    @Override
    protected boolean reportsFailureAt(long offset) {
        return offset < 1 ? stripe == 0 : isMine(offset);
    }

    @Override
    protected long ownOffsetFrom(long offset) {
        long line = Math.max(offset, 1);
        return line + Math.floorMod(stripe - (line - 1), stripes);
    }

    @Override
    protected String unreadFrom(long offset) {
        if (stripes == 1) {
            return resumption(-1);
        }
        return "; stripe " + stripe + " of " + stripes + " (lines " + (stripe + 1) + ", " + (stripe + 1 + stripes)
                + ", …) did not read its lines from " + ownOffsetFrom(offset) + " on";
    }

    private boolean isMine(long line) {
        return stripes == 1 || (line - 1) % stripes == stripe;
    }
}
