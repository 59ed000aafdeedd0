package io.topicpulse.table.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A run in its own JVM, for tests that kill it: {@code hold-lock OUTPUT}, {@code publish OUTPUT VERSION STEP}
 * (stops at STEP: "write" or a publish step, printing "AT STEP"), {@code publish-loop OUTPUT}.
 */
public final class StoreChild {

    private StoreChild() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[1]);
        switch (args[0]) {
            case "hold-lock" -> {
                RunLock lock = RunLock.acquire(output, "child holding the lock");
                System.out.println("LOCKED " + lock.holder().pid());
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            case "publish" -> publish(output, Integer.parseInt(args[2]), args[3]);
            case "publish-loop" -> {
                for (int version = 2; ; version++) {
                    publish(output, version, "none");
                    System.out.println("PUBLISHED " + version);
                    System.out.flush();
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** Rewrites partition date=2 of articles and the whole mentions table with {@code version}. */
    static void publish(Path output, int version, String stopAt) throws Exception {
        try (RunLock lock = RunLock.acquire(output, "child run " + version)) {
            SnapshotStore store = SnapshotStore.open(output);
            store.onStep(step -> {
                if (step.equals(stopAt)) {
                    stop(step);
                }
            });
            Staging staging = store.beginStaging(lock, "v" + version);
            writeVersion(staging, version);
            if (stopAt.equals("write")) {
                stop("write");
            }
            store.publish(lock, staging, SnapshotStoreTest.manifest("v" + version), Set.of("mentions"),
                    Map.of("articles", Set.of("date=2")));
        }
    }

    static void writeVersion(Staging staging, int version) throws Exception {
        Duck.writeParquet(staging.tablePath("articles").resolve("date=2/data_0.parquet"),
                "SELECT 'a2' AS id, " + version + " AS version");
        Duck.writeParquet(staging.tablePath("mentions").resolve("data_0.parquet"),
                "SELECT 'axis' AS topic, " + version + " AS version");
    }

    private static void stop(String step) {
        System.out.println("AT " + step);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
