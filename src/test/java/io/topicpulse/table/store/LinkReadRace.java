package io.topicpulse.table.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

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
        int mixed = 0;
        for (int round = 0; round < rounds; round++) {
            Path output = Files.createTempDirectory("link-read-race");
            ConcurrentReaderTest.publish(output, 1, keep);
            AtomicBoolean stop = new AtomicBoolean();
            Thread publisher = new Thread(() -> {
                try {
                    for (int version = 2; !stop.get(); version++) {
                        ConcurrentReaderTest.publish(output, version, keep);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            publisher.start();
            try {
                for (int read = 0; read < 300; read++) {
                    try {
                        String table = resolved ? output + "/" + SnapshotStore.SNAPSHOTS + "/"
                                + Files.readString(output.resolve(SnapshotStore.CURRENT_FILE)).trim() + "/articles"
                                : output + "/articles";
                        String[] cols = Duck.rows("SELECT count(*), min(version), max(version) FROM read_parquet('"
                                + table + "/**/*.parquet', hive_partitioning = true)").get(0).split("\\|");
                        if (!cols[1].equals(cols[2])) {
                            mixed++;
                        } else if (cols[0].equals("3")) {
                            complete++;
                        } else {
                            shortReads++;
                        }
                    } catch (SQLException e) {
                        failed++;
                    }
                }
            } finally {
                stop.set(true);
                publisher.join();
                deleteTree(output);
            }
        }
        System.out.printf("keep=%d rounds=%d %s: complete=%d short=%d failed=%d mixed=%d%n", keep, rounds,
                resolved ? "resolved snapshot" : "through the links", complete, shortReads, failed, mixed);
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
