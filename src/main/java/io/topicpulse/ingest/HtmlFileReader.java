package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/** Reads a file that is one HTML page, gunzipping it when its bytes say gzip. */
final class HtmlFileReader extends AbstractPageIterator {

    private InputStream in;
    private boolean done;

    HtmlFileReader(Configuration conf, InputFile file) {
        super(conf, file);
    }

    @Override
    protected void open(InputStream raw) throws IOException {
        in = PageReaders.gunzipIfCompressed(raw);
    }

    @Override
    protected boolean readMore() {
        if (done) {
            return false;
        }
        done = true;
        PageReaders.Slurp slurp = PageReaders.slurp(in, maxPageBytes);
        if (slurp.failure() != null) {
            slurp = readAgain(slurp);
        }
        if (slurp.tooLarge()) {
            emit(tooLarge(-1, null, "page"));
        } else if (slurp.failure() != null && slurp.bytes().length == 0) {
            emit(reject(-1, null, RejectReason.READ_FAILED, describe(slurp.failure())));
        } else {
            if (slurp.failure() != null) {
                // A cut-off download or gzip still holds the start of the page, usually the article.
                warn("truncated");
            }
            Instant modified = file.modificationTime() > 0 ? Instant.ofEpochMilli(file.modificationTime()) : null;
            emit(new ReadResult.Page(new RawPage(file.uri(), -1, null, modified, null, slurp.bytes())));
        }
        return true;
    }

    /**
     * Reads the file once more after a read error: a passing failure of a network file system then costs nothing,
     * while broken data (a truncated gzip) fails again and the first read's part is kept.
     */
    private PageReaders.Slurp readAgain(PageReaders.Slurp first) {
        try (InputStream raw = PageReaders.openStream(conf, new Path(file.uri()));
             InputStream again = PageReaders.gunzipIfCompressed(raw)) {
            PageReaders.Slurp second = PageReaders.slurp(again, maxPageBytes);
            return second.failure() == null || second.bytes().length > first.bytes().length ? second : first;
        } catch (IOException | RuntimeException e) {
            return first;
        }
    }

    /** A file that did not open is opened again: the page is the whole file, so there is nothing to skip. */
    @Override
    protected boolean canReread() {
        return true;
    }

    @Override
    protected void skipTo(long offset) {
    }

    @Override
    protected long currentOffset() {
        return -1;
    }
}
