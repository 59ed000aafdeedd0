package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/** Look-ahead iteration, counters and the open/close discipline shared by all readers. */
abstract class AbstractPageIterator implements PageIterator {

    /** Read errors one reader retries by reading its file again; the next one ends its reading of the file. */
    static final int MAX_REREADS = 3;
    private static final long NOT_RETRIED = Long.MIN_VALUE;

    protected final Configuration conf;
    protected final InputFile file;
    protected final long maxPageBytes;
    private final Map<String, Long> skipped = new TreeMap<>();
    private final Map<String, Long> warnings = new TreeMap<>();
    private final Deque<ReadResult> queued = new ArrayDeque<>();
    private InputStream stream;
    /** The furthest {@link #bytesRead} seen, kept when the stream is closed or opened again. */
    private long bytesRead;
    private boolean opened;
    private boolean finished;
    private int rereads;
    /** The offset of the read error last retried: failing there again means the data is broken there. */
    private long retriedAt = NOT_RETRIED;

    AbstractPageIterator(Configuration conf, InputFile file) {
        this.conf = conf;
        this.file = file;
        this.maxPageBytes = PageReaders.maxPageBytes(conf);
    }

    /**
     * Starts reading the file's stream; called lazily, so opening failures become rejects too, and again on a
     * fresh stream when a read error is retried ({@link #canReread}).
     */
    protected abstract void open(InputStream raw) throws IOException;

    /** Queues the next results with {@link #emit}, or returns false at the end of the file. */
    protected abstract boolean readMore() throws IOException;

    @Override
    public long bytesRead() {
        if (stream instanceof PageReaders.FileStream f) {
            bytesRead = Math.max(bytesRead, f.position());
        }
        return Math.min(bytesRead, file.size());
    }

    /** Where a read error that escapes {@link #readMore} happened, for the reject. */
    protected abstract long currentOffset();

    /**
     * After a read error at {@code failedOffset}, moves to the next record that can be read safely and returns its
     * offset, or returns -1 when there is none (or the format cannot tell); the default never resumes.
     */
    protected long resumeAfter(long failedOffset) {
        return -1;
    }

    /** False when another reader of the same file reports a read error at this offset (see JsonLinesReader). */
    protected boolean reportsFailureAt(long offset) {
        return true;
    }

    /** True when the format can move back to a record by {@link #skipTo}, so that a read error is retried. */
    protected boolean canReread() {
        return false;
    }

    /**
     * Right after {@link #open} on a fresh stream of the file, moves to just before the record at {@code offset}
     * without yielding or counting anything; throws when the stream fails or ends before it.
     */
    protected void skipTo(long offset) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot skip to a record");
    }

    /** The first offset from {@code offset} on whose record this reader would yield: offset, or a later one. */
    protected long ownOffsetFrom(long offset) {
        return offset;
    }

    /** The end of a read_failed detail when this reader gives up from {@code offset}: what it did not read. */
    protected String unreadFrom(long offset) {
        return resumption(-1);
    }

    /** The end of a read_failed detail: where reading went on, or that the rest of the file was not read. */
    static String resumption(long resumedAt) {
        return resumedAt >= 0 ? "; skipped to the next readable record at offset " + resumedAt
                : "; the rest of the file was not read";
    }

    protected final void emit(ReadResult result) {
        queued.add(result);
    }

    protected final void skip(String kind) {
        skipped.merge(kind, 1L, Long::sum);
    }

    protected final void warn(String kind) {
        warnings.merge(kind, 1L, Long::sum);
    }

    protected final ReadResult reject(long offset, String url, RejectReason reason, String detail) {
        return new ReadResult.Rejected(new Reject(file.uri(), offset, url, reason.code(), detail));
    }

    protected final ReadResult tooLarge(long offset, String url, String what) {
        return reject(offset, url, RejectReason.TOO_LARGE, what + " over " + maxPageBytes + " bytes ("
                + PageReaders.MAX_PAGE_BYTES + ")");
    }

    /**
     * A read error may be passing (a network file system's hiccup) or in the data (a truncated gzip): a format that
     * can skip back ({@link #canReread}) reads the file again up to the failed record, once per failed record and at
     * most {@link #MAX_REREADS} times. Reading on past it means the error passed, and nothing is lost; failing at the
     * same record again means the data is broken there, reported as without a retry; failing before it means
     * reading broke at different places, so this reader gives up, saying what it did not read.
     */
    @Override
    public final boolean hasNext() {
        while (queued.isEmpty() && !finished) {
            try {
                if (!opened) {
                    opened = true;
                    stream = PageReaders.openStream(conf, new Path(file.uri()));
                    open(stream);
                }
                if (!readMore()) {
                    finish();
                }
            } catch (IOException | RuntimeException e) {
                long offset = failedOffset();
                if (offset == retriedAt || !canReread()) {
                    fail(offset, e);
                } else if (rereads == MAX_REREADS) {
                    giveUp(offset, describe(e) + "; not read again after " + MAX_REREADS + " read errors");
                } else {
                    reread(offset, e);
                }
            }
        }
        return !queued.isEmpty();
    }

    private long failedOffset() {
        return stream != null ? currentOffset() : -1;
    }

    /** A read error reading cannot get past: reported where it happened, resuming where the format can. */
    private void fail(long offset, Throwable e) {
        // Unreadable data ends this file (or a stretch of it), never the job: say where.
        long resumedAt = stream != null ? resumeAfter(offset) : -1;
        if (reportsFailureAt(offset)) {
            emit(reject(offset, null, RejectReason.READ_FAILED, describe(e) + resumption(resumedAt)));
        }
        if (resumedAt < 0) {
            finish();
        }
    }

    private void reread(long offset, Throwable e) {
        rereads++;
        retriedAt = offset;
        closeStream();
        try {
            stream = PageReaders.openStream(conf, new Path(file.uri()));
            open(stream);
            skipTo(offset);
        } catch (IOException | RuntimeException again) {
            long againAt = failedOffset();
            if (againAt == offset) {
                fail(offset, e);
            } else {
                giveUp(offset, describe(e) + "; reading the file again failed before reaching it: "
                        + describe(again));
            }
        }
    }

    private void giveUp(long offset, String why) {
        emit(reject(ownOffsetFrom(offset), null, RejectReason.READ_FAILED, why + unreadFrom(offset)));
        finish();
    }

    @Override
    public final ReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in " + file.uri());
        }
        return queued.poll();
    }

    protected final void finish() {
        finished = true;
        close();
    }

    @Override
    public Map<String, Long> skippedRecords() {
        return Collections.unmodifiableMap(skipped);
    }

    @Override
    public Map<String, Long> warnings() {
        return Collections.unmodifiableMap(warnings);
    }

    @Override
    public void close() {
        finished = true;
        closeStream();
    }

    private void closeStream() {
        if (stream != null) {
            bytesRead();
            try {
                stream.close();
            } catch (IOException ignored) {
                // Nothing was written: a failing close loses no data.
            }
            stream = null;
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
