package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;

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

    @Override
    protected long currentOffset() {
        return -1;
    }
}
