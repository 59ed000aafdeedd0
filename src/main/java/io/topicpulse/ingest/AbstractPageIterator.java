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

    protected final Configuration conf;
    protected final InputFile file;
    protected final long maxPageBytes;
    private final Map<String, Long> skipped = new TreeMap<>();
    private final Map<String, Long> warnings = new TreeMap<>();
    private final Deque<ReadResult> queued = new ArrayDeque<>();
    private InputStream stream;
    private boolean opened;
    private boolean finished;

    AbstractPageIterator(Configuration conf, InputFile file) {
        this.conf = conf;
        this.file = file;
        this.maxPageBytes = PageReaders.maxPageBytes(conf);
    }

    /** Opens the underlying stream; called once, lazily, so opening failures become rejects too. */
    protected abstract void open(InputStream raw) throws IOException;

    /** Queues the next results with {@link #emit}, or returns false at the end of the file. */
    protected abstract boolean readMore() throws IOException;

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
                // Unreadable data ends this file (or a stretch of it), never the job: say where.
                long offset = stream != null ? currentOffset() : -1;
                long resumedAt = stream != null ? resumeAfter(offset) : -1;
                if (reportsFailureAt(offset)) {
                    emit(reject(offset, null, RejectReason.READ_FAILED, describe(e) + resumption(resumedAt)));
                }
                if (resumedAt < 0) {
                    finish();
                }
            }
        }
        return !queued.isEmpty();
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
        if (stream != null) {
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
