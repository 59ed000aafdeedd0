package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything one reader yielded for a file, for assertions. */
record Reads(List<ReadResult> results, Map<String, Long> skipped, Map<String, Long> warnings) {

    static Reads of(Path path) {
        return of(new Configuration(), path);
    }

    static Reads of(Configuration conf, Path path) {
        InputFile file = InputFiles.expand(conf, List.of(path.toString())).files().get(0);
        return of(conf, file);
    }

    static Reads of(Configuration conf, InputFile file) {
        List<ReadResult> results = new ArrayList<>();
        try (PageIterator pages = PageReaders.open(conf, file)) {
            pages.forEachRemaining(results::add);
            return new Reads(results, Map.copyOf(pages.skippedRecords()), Map.copyOf(pages.warnings()));
        }
    }

    List<RawPage> pages() {
        return results.stream().filter(r -> r instanceof ReadResult.Page).map(r -> ((ReadResult.Page) r).page())
                .toList();
    }

    List<Reject> rejects() {
        return results.stream().filter(r -> r instanceof ReadResult.Rejected)
                .map(r -> ((ReadResult.Rejected) r).reject()).toList();
    }
}
