package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

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

    /**
     * What the {@code stripes} stripes of a file yielded together, skipped records and warnings summed; stripe k
     * reads with {@code confOfStripe.apply(k)}.
     */
    static Reads ofStripes(IntFunction<Configuration> confOfStripe, InputFile file, int stripes) {
        List<ReadResult> results = new ArrayList<>();
        Map<String, Long> skipped = new TreeMap<>();
        Map<String, Long> warnings = new TreeMap<>();
        for (int stripe = 0; stripe < stripes; stripe++) {
            try (PageIterator pages = PageReaders.open(confOfStripe.apply(stripe), file, stripe, stripes)) {
                pages.forEachRemaining(results::add);
                pages.skippedRecords().forEach((k, v) -> skipped.merge(k, v, Long::sum));
                pages.warnings().forEach((k, v) -> warnings.merge(k, v, Long::sum));
            }
        }
        return new Reads(results, skipped, warnings);
    }

    /** Every result as one line of text, in the order of their offsets (records of a file: one per offset). */
    List<String> described() {
        return results.stream().sorted(Comparator.comparingLong(Reads::offset)).map(Reads::describe).toList();
    }

    /** The results, skipped records and warnings as text, in the order of their offsets: equal for equal yields. */
    String summary() {
        return String.join("\n", described()) + "\nskipped " + new TreeMap<>(skipped) + "\nwarnings "
                + new TreeMap<>(warnings);
    }

    static long offset(ReadResult result) {
        return result instanceof ReadResult.Page p ? p.page().offset()
                : ((ReadResult.Rejected) result).reject().offset();
    }

    static String describe(ReadResult result) {
        if (result instanceof ReadResult.Page p) {
            return "page " + p.page().offset() + " " + p.page().url() + " " + p.page().fetchedAt() + " "
                    + new String(p.page().body(), StandardCharsets.UTF_8);
        }
        Reject r = ((ReadResult.Rejected) result).reject();
        return "reject " + r.offset() + " " + r.url() + " " + r.reason() + " " + r.detail();
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
