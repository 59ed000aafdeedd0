package io.topicpulse.table.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: counts how DuckDB's reads of a three-partition table turn out while another thread publishes new
 * versions of it without pause: complete, short (fewer partitions, one version), failed (a listed file gone), or
 * mixed (never seen). {@code ConcurrentReaderTest} asserts the rule; this measures the rates, which need thousands
 * of reads (see the store's package documentation).
 *
 * <pre>
 * mvn -q -o -DskipTests package
 * java -cp target/test-classes:target/classes:$(cat target/classpath.txt):DUCKDB_JDBC_JAR \
 *     io.topicpulse.table.store.LinkReadRace KEEP ROUNDS [resolved]
 * </pre>
 *
 * Each round is a fresh store and 300 reads; {@code resolved} reads {@code _snapshots/<_CURRENT>/} instead of the
 * table link. Run it beside busy loops ({@code yes > /dev/null}) to make the switches land mid-listing.
 */
public final class LinkReadRace {

    private LinkReadRace() {
    }

    public static void main(String[] args) throws Exception {
        int keep = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        boolean resolved = args.length > 2 && args[2].equals("resolved");
        int complete = 0;
        int shortReads = 0;
        int failed = 0;
        List<String> mixed = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Path output = Files.createTempDirectory("link-read-race");
            try {
                ConcurrentReaderTest.Reads reads = ConcurrentReaderTest.readWhilePublishing(output, resolved, keep,
                        300);
                complete += reads.complete();
                shortReads += reads.shortReads();
                failed += reads.failed();
                mixed.addAll(reads.mixed());
            } finally {
                SnapshotStore.deleteTree(output);
            }
        }
        System.out.printf("keep=%d rounds=%d %s: %s%n", keep, rounds,
                resolved ? "resolved snapshot" : "through the links",
                new ConcurrentReaderTest.Reads(complete, shortReads, failed, mixed));
    }
}
