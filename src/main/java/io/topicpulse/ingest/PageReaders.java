package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Opens the right reader for an input file; runs on executors, one iterator per file.
 *
 * <p>How damaged input comes out: a record or file cut off by the end of the file (truncated download or gzip
 * member) yields the part that was readable as a page, counted under the {@code truncated} warning, because the
 * start of a news page usually holds its article; when nothing of it was readable it becomes a {@code read_failed}
 * reject. Any other read error (corrupt compressed data, unparseable WARC header) becomes a {@code read_failed}
 * reject at the offset of the record where it happened, and the file ends there.
 *
 * <p>JSON Lines and HTML readers first read the file again (up to the failed line) when opening or reading fails:
 * an error that does not come back (a passing failure of a network file system) costs nothing; one that comes back
 * at the same place is in the data and comes out as above; one that comes back elsewhere ends a JSON Lines file
 * with a {@code read_failed} reject saying which lines were not read. WARC readers resume at the next record.
 */
public final class PageReaders {

    /** Configuration key: the largest page body, in bytes, a reader loads; larger pages become {@code too_large}. */
    public static final String MAX_PAGE_BYTES = "topicpulse.ingest.max-page-bytes";
    /** 16 MiB: far above any real article page, small enough that a few per executor core fit in memory. */
    public static final long DEFAULT_MAX_PAGE_BYTES = 16L << 20;

    private static final int STREAM_BUFFER = 1 << 16;

    private PageReaders() {
    }

    /** The records of {@code file} as pages and rejects; opening happens lazily, so this never fails on bad data. */
    public static PageIterator open(Configuration conf, InputFile file) {
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(file, "file");
        return switch (file.format()) {
            case HTML -> new HtmlFileReader(conf, file);
            case WARC -> new WarcPageReader(conf, file);
            case JSONL -> new JsonLinesReader(conf, file);
        };
    }

    /**
     * One stripe of a file's records: records {@code stripe}, {@code stripe + stripes}, … of the file, so that
     * {@code stripes} tasks read one large file together. The stripes of a file yield together exactly what
     * {@link #open(Configuration, InputFile)} yields (skipped records and warnings summed over them); each reads
     * the whole file but parses only its own records, which is where the time goes. A read error only one stripe
     * meets is retried; when the retry fails too, that stripe's {@code read_failed} reject names it and the line
     * from which its records were not read.
     *
     * @throws IllegalArgumentException when the file cannot be striped ({@link #canStripe}) and stripes is not 1,
     *                                  or stripe is not in [0, stripes)
     */
    public static PageIterator open(Configuration conf, InputFile file, int stripe, int stripes) {
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(file, "file");
        if (stripes < 1 || stripe < 0 || stripe >= stripes) {
            throw new IllegalArgumentException("stripe must be in [0, stripes), stripes >= 1; was stripe " + stripe
                    + " of " + stripes);
        }
        if (stripes == 1) {
            return open(conf, file);
        }
        if (!canStripe(file)) {
            throw new IllegalArgumentException("file " + file.uri() + " (" + file.format() + ") cannot be striped");
        }
        return new JsonLinesReader(conf, file, stripe, stripes);
    }

    /** True when several tasks can share the file's records ({@link #open(Configuration, InputFile, int, int)}). */
    public static boolean canStripe(InputFile file) {
        // One record per line: a reader finds the record boundaries without parsing, compressed or not.
        return file.format() == InputFormat.JSONL;
    }

    static long maxPageBytes(Configuration conf) {
        long max = conf.getLong(MAX_PAGE_BYTES, DEFAULT_MAX_PAGE_BYTES);
        if (max <= 0) {
            throw new IllegalArgumentException(MAX_PAGE_BYTES + " must be positive, was " + max);
        }
        return max;
    }

    static InputStream openStream(Configuration conf, Path path) throws IOException {
        return openStream(conf, path, 0);
    }

    static InputStream openStream(Configuration conf, Path path, long position) throws IOException {
        FSDataInputStream in = path.getFileSystem(conf).open(path);
        try {
            if (position > 0) {
                in.seek(position);
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new FileStream(in);
    }

    /** A buffered stream of a file that says how far into the file it has been read. */
    static final class FileStream extends BufferedInputStream {

        private final FSDataInputStream file;
        private long position;

        FileStream(FSDataInputStream file) {
            super(file, STREAM_BUFFER);
            this.file = file;
        }

        /** Bytes of the file taken from this stream: read from the file, less what still waits in the buffer. */
        long position() {
            try {
                position = Math.max(position, file.getPos() - (count - pos));
            } catch (IOException | RuntimeException e) {
                // Closed or failed: only a progress figure, the last one known stands.
            }
            return position;
        }
    }

    /** Gunzips when the stream starts with the gzip magic, whatever the file is called. */
    static InputStream gunzipIfCompressed(InputStream in) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, STREAM_BUFFER);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, STREAM_BUFFER) : buffered;
    }

    /**
     * What reading a stream to its end produced.
     *
     * @param bytes    everything read before the end, the limit or the failure
     * @param tooLarge the stream held more than the limit; {@code bytes} is cut there
     * @param failure  the error that ended reading early, else null
     */
    record Slurp(byte[] bytes, boolean tooLarge, IOException failure) {
    }

    /** Reads up to {@code limit} bytes, keeping what arrived before an error instead of losing it. */
    static Slurp slurp(InputStream in, long limit) {
        return slurp(in, limit, 0);
    }

    /**
     * {@link #slurp(InputStream, long)} with the length the source announces ({@code expected}, e.g. a WARC
     * record's payload; 0 or less when unknown): when it is right the page is read into one array of its size,
     * neither grown nor copied (pages are read by the hundred thousand, some of them megabytes).
     */
    static Slurp slurp(InputStream in, long limit, long expected) {
        int cap = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        byte[] buffer = new byte[(int) Math.min(expected > 0 ? expected : 8192, cap)];
        int count = 0;
        try {
            while (true) {
                if (count == buffer.length) {
                    // Full: the end of the stream, or more than announced.
                    int next = in.read();
                    if (next < 0) {
                        return new Slurp(buffer, false, null);
                    }
                    if (count == cap) {
                        return new Slurp(buffer, true, null);
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(Math.max(2L * count, 8192), cap));
                    buffer[count++] = (byte) next;
                }
                int n = in.read(buffer, count, buffer.length - count);
                if (n < 0) {
                    return new Slurp(Arrays.copyOf(buffer, count), false, null);
                }
                count += n;
            }
        } catch (IOException e) {
            return new Slurp(Arrays.copyOf(buffer, count), false, e);
        } catch (RuntimeException e) {
            // Decoders (brotli, jwarc's chunked parser) signal corrupt data with unchecked exceptions too.
            return new Slurp(Arrays.copyOf(buffer, count), false,
                    new IOException(AbstractPageIterator.describe(e), e));
        }
    }
}
