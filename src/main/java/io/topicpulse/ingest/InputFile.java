package io.topicpulse.ingest;

import java.io.Serializable;
import java.util.Objects;

/**
 * One input file found on the driver, small enough to ship to executors.
 *
 * <p>{@code uri} is the file's identity: its real path, with every symbolic link resolved on a local file system (on
 * other file systems the path as listed). Readers open it, the {@code source} columns hold it, pages without a URL
 * take their doc_id from it and a nightly run decides "already read" by it, so one file reached through two paths
 * (a link, a cycle, two overlapping inputs) is one input. {@code reachedBy} is the path the listing reached it
 * through, kept only for messages.
 *
 * @param uri              the real path as a fully qualified Hadoop path ({@code file:/...}, {@code hdfs://...},
 *                         {@code s3a://...}): what identifies the input
 * @param format           how to read it, from the name in {@code uri}
 * @param size             length in bytes when listed
 * @param modificationTime last modification, epoch milliseconds, when listed
 * @param reachedBy        the path the listing reached it through ({@code uri} itself when no link was on the way)
 */
public record InputFile(String uri, InputFormat format, long size, long modificationTime, String reachedBy)
        implements Serializable {

    public InputFile {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(format, "format");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("uri must not be blank");
        }
        reachedBy = reachedBy == null ? uri : reachedBy;
    }

    /** An input reached through its real path. */
    public InputFile(String uri, InputFormat format, long size, long modificationTime) {
        this(uri, format, size, modificationTime, uri);
    }
}
