package io.topicpulse.ingest;

import java.io.Closeable;
import java.util.Iterator;
import java.util.Map;

/**
 * The records of one input file as pages and rejects; never throws for bad data, and must be closed.
 *
 * <p>A file that cannot be opened or breaks mid-way yields a {@code read_failed} reject naming the file and offset,
 * then ends.
 */
public interface PageIterator extends Iterator<ReadResult>, Closeable {

    /**
     * Records that are not candidate pages and were passed over without a reject, by kind
     * (e.g. {@code warc:request}, {@code warc:revisit}, {@code warc:dns}, {@code jsonl:blank}); counts so far.
     */
    Map<String, Long> skippedRecords();

    /**
     * Pages that were yielded despite a defect, by kind (e.g. {@code truncated}: the record or file ended early and
     * the page holds what was there; {@code warc:bad-date}: fetchedAt left null); counts so far.
     */
    Map<String, Long> warnings();

    /**
     * How far into the file reading has come, in the file's stored bytes (compressed ones for a gzip file): what a
     * progress line counts while a big file is read. 0 before the file is opened; never more than the file's size.
     */
    long bytesRead();

    /** Releases the file; never throws. */
    @Override
    void close();
}
