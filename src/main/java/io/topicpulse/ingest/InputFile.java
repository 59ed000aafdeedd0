package io.topicpulse.ingest;

import java.io.Serializable;
import java.util.Objects;

/**
 * One input file found on the driver, small enough to ship to executors.
 *
 * @param uri              the fully qualified Hadoop path ({@code file:/...}, {@code hdfs://...}, {@code s3a://...})
 * @param format           how to read it
 * @param size             length in bytes when listed
 * @param modificationTime last modification, epoch milliseconds, when listed
 */
public record InputFile(String uri, InputFormat format, long size, long modificationTime) implements Serializable {

    public InputFile {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(format, "format");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("uri must not be blank");
        }
    }
}
