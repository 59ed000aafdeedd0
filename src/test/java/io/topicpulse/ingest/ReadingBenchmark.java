package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: times reading input files into raw pages (the readers alone: gunzip, line splitting, JSON or WARC
 * parsing), a few rounds in one JVM so the later rounds are warm. For example, over three days of
 * {@code NightlyBenchmark}'s corpus:
 *
 * <pre>
 * mvn -q -o test-compile
 * java -cp target/test-classes:target/classes:$(cat target/classpath.txt) io.topicpulse.ingest.ReadingBenchmark \
 *     /tmp/nb-real/dumps/2024-11-28/dump.jsonl.gz /tmp/nb-real/dumps/2024-11-29/dump.jsonl.gz \
 *     /tmp/nb-real/dumps/2024-11-30/dump.jsonl.gz
 * </pre>
 */
public final class ReadingBenchmark {

    private static final int ROUNDS = 6;

    private ReadingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("name one or more input files (.jsonl, .warc, .html, gzipped or not)");
        }
        List<InputFile> files = new ArrayList<>();
        for (String arg : args) {
            Path path = Path.of(arg).toAbsolutePath();
            InputFormat format = InputFormat.ofFileName(path.getFileName().toString()).orElseThrow(
                    () -> new IllegalArgumentException(arg + ": not a format topicpulse reads"));
            files.add(new InputFile(path.toUri().toString(), format, Files.size(path),
                    Files.getLastModifiedTime(path).toMillis()));
        }
        Configuration conf = new Configuration();
        for (int round = 1; round <= ROUNDS; round++) {
            long started = System.nanoTime();
            long records = 0;
            long bytes = 0;
            for (InputFile file : files) {
                try (PageIterator pages = PageReaders.open(conf, file)) {
                    while (pages.hasNext()) {
                        ReadResult result = pages.next();
                        records++;
                        if (result instanceof ReadResult.Page page) {
                            bytes += page.page().body().length;
                        }
                    }
                }
            }
            System.out.printf("round %d: %d records, %d MB of pages in %.0f ms%n", round, records, bytes >> 20,
                    (System.nanoTime() - started) / 1e6);
        }
    }
}
