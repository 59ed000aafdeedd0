package io.topicpulse.ingest;

import java.util.Locale;
import java.util.Optional;

/** The kinds of input file topicpulse reads, recognised by file name. */
public enum InputFormat {
    /** One page per file: {@code .html}, {@code .htm}, {@code .xhtml}, {@code .shtml}, optionally gzipped. */
    HTML,
    /** WARC or ARC archives: {@code .warc}, {@code .arc}, optionally gzipped. */
    WARC,
    /** JSON Lines with one page object per line: {@code .jsonl}, {@code .ndjson}, optionally gzipped. */
    JSONL;

    /** The format a file name says, ignoring case and a trailing {@code .gz}; empty for any other name. */
    public static Optional<InputFormat> ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) {
            lower = lower.substring(0, lower.length() - 3);
        }
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 ? "" : lower.substring(dot + 1);
        switch (extension) {
            case "html": case "htm": case "xhtml": case "shtml":
                return Optional.of(HTML);
            case "warc": case "arc":
                return Optional.of(WARC);
            case "jsonl": case "ndjson":
                return Optional.of(JSONL);
            default:
                return Optional.empty();
        }
    }
}
