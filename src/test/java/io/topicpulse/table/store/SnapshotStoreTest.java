package io.topicpulse.table.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotStoreTest {

    @TempDir
    Path output;
    private RunLock lock;
    private SnapshotStore store;

    @BeforeEach
    void lock() throws Exception {
        lock = RunLock.acquire(output, "test");
        store = SnapshotStore.open(output);
    }

    @AfterEach
    void unlock() throws Exception {
        lock.close();
    }

    @Test
    void publishesTablesThatDuckDbReadsThroughTheLinks() throws Exception {
        Staging staging = store.beginStaging(lock, "run1");
        writeArticles(staging, "2024-11-29", 1);
        writeArticles(staging, "2024-11-30", 1);
        Duck.writeParquet(staging.tablePath("mentions").resolve("date=2024-11-30/m.parquet"),
                "SELECT 'sanctions' AS topic, 3 AS mentions");
        Snapshot published = store.publish(lock, staging, manifest("run1"), Set.of("articles", "mentions"), Map.of());

        assertEquals("s000001", published.name());
        assertEquals(List.of("a-2024-11-29|1|2024-11-29", "a-2024-11-30|1|2024-11-30"),
                Duck.table(output.resolve("articles")));
        assertEquals(List.of("sanctions|3|2024-11-30"), Duck.table(output.resolve("mentions")));
        assertEquals("s000001", Files.readString(output.resolve(SnapshotStore.CURRENT_FILE)).trim());
        assertEquals(published.path().resolve("articles").toRealPath(), output.resolve("articles").toRealPath());
    }

    @Test
    void carriesOverPartitionsTheRunDidNotRewriteAsHardLinks() throws Exception {
        publishArticles("run1", 1, "2024-11-29", "2024-11-30");
        Snapshot first = store.current().orElseThrow();

        Staging staging = store.beginStaging(lock, "run2");
        writeArticles(staging, "2024-11-30", 2);
        writeArticles(staging, "2024-12-01", 2);
        store.publish(lock, staging, manifest("run2"), Set.of(),
                Map.of("articles", Set.of("date=2024-11-30", "date=2024-12-01")));

        assertEquals(List.of("a-2024-11-29|1|2024-11-29", "a-2024-11-30|2|2024-11-30", "a-2024-12-01|2|2024-12-01"),
                Duck.table(output.resolve("articles")));
        Path oldFile = onlyFile(first.tablePath("articles").resolve("date=2024-11-29"));
        Path carried = onlyFile(output.resolve("articles/date=2024-11-29"));
        assertTrue(Files.isSameFile(oldFile, carried), "carried over by hard link, not copied");
        assertEquals(List.of("a-2024-11-29|1|2024-11-29", "a-2024-11-30|1|2024-11-30"),
                Duck.table(first.tablePath("articles")), "the old snapshot is untouched");
    }

    @Test
    void dropsADeclaredPartitionWithNothingStaged() throws Exception {
        publishArticles("run1", 1, "2024-11-29", "2024-11-30");
        Staging staging = store.beginStaging(lock, "run2");
        store.publish(lock, staging, manifest("run2"), Set.of(), Map.of("articles", Set.of("date=2024-11-30")));
        assertEquals(List.of("a-2024-11-29|1|2024-11-29"), Duck.table(output.resolve("articles")));
    }

    @Test
    void neverReusesAFilePathOfThePreviousSnapshotForOtherBytes() throws Exception {
        publishArticles("run1", 1, "2024-11-30");
        Path before = onlyFile(output.resolve("articles/date=2024-11-30"));
        publishArticles("run2", 2, "2024-11-30");
        Path after = onlyFile(output.resolve("articles/date=2024-11-30"));
        assertFalse(before.getFileName().equals(after.getFileName()),
                "a reader that listed the old file must not open new bytes under its name: " + after);
        assertTrue(after.getFileName().toString().contains("s000002"), after.toString());
    }

    @Test
    void refusesAStagedPartitionThatWouldSilentlyAddToTheCurrentOne() throws Exception {
        publishArticles("run1", 1, "2024-11-30");
        Staging staging = store.beginStaging(lock, "run2");
        writeArticles(staging, "2024-11-30", 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.publish(lock, staging, manifest("run2"), Set.of(), Map.of()));
        assertTrue(e.getMessage().contains("date=2024-11-30"), e.getMessage());
        assertEquals(List.of("a-2024-11-30|1|2024-11-30"), Duck.table(output.resolve("articles")));
    }

    @Test
    void appendsStagedFilesBesideTheCurrentOnesAndDropsOnlyTheNamedFiles() throws Exception {
        Staging staging = store.beginStaging(lock, "run1");
        Duck.writeParquet(staging.tablePath("rejects").resolve("a.parquet"), "SELECT 'a.jsonl' AS source, 1 AS n");
        Duck.writeParquet(staging.tablePath("rejects").resolve("b.parquet"), "SELECT 'b.jsonl' AS source, 1 AS n");
        store.publish(lock, staging, manifest("run1"), Set.of("rejects"), Map.of());
        Snapshot first = store.current().orElseThrow();

        String a = published(first, "a");
        String b = published(first, "b");
        Staging second = store.beginStaging(lock, "run2");
        Duck.writeParquet(second.tablePath("rejects").resolve("c.parquet"), "SELECT 'c.jsonl' AS source, 2 AS n "
                + "UNION ALL SELECT 'b.jsonl', 2");
        store.publish(lock, second, manifest("run2"), Set.of(), Map.of(), Map.of("rejects", Set.of("")),
                Map.of("rejects", Set.of(b)));

        assertEquals(List.of("a.jsonl|1", "b.jsonl|2", "c.jsonl|2"), Duck.table(output.resolve("rejects")));
        assertTrue(Files.isSameFile(first.tablePath("rejects").resolve(a), output.resolve("rejects").resolve(a)),
                "an untouched file is carried over, not rewritten");
        assertEquals(List.of("a.jsonl|1", "b.jsonl|1"), Duck.table(first.tablePath("rejects")));
    }

    /** The published name of a rejects file staged as {@code staged}.parquet. */
    private static String published(Snapshot snapshot, String staged) throws Exception {
        try (Stream<Path> files = Files.list(snapshot.tablePath("rejects"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(staged + "-"))
                    .findFirst().orElseThrow();
        }
    }

    @Test
    void refusesToDropAFileTheCurrentSnapshotDoesNotHave() throws Exception {
        publishArticles("run1", 1, "2024-11-30");
        Staging staging = store.beginStaging(lock, "run2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.publish(lock,
                staging, manifest("run2"), Set.of(), Map.of(), Map.of(), Map.of("articles", Set.of("nope.parquet"))));
        assertTrue(e.getMessage().contains("nope.parquet"), e.getMessage());
    }

    @Test
    void replacesATableRewrittenWholeAndKeepsTheOthers() throws Exception {
        Staging staging = store.beginStaging(lock, "run1");
        writeArticles(staging, "2024-11-29", 1);
        Duck.writeParquet(staging.tablePath("topic_daily").resolve("t.parquet"), "SELECT 'axis' AS topic, 1 AS n");
        store.publish(lock, staging, manifest("run1"), Set.of("articles", "topic_daily"), Map.of());

        Staging second = store.beginStaging(lock, "run2");
        Duck.writeParquet(second.tablePath("topic_daily").resolve("t.parquet"), "SELECT 'axis' AS topic, 2 AS n");
        store.publish(lock, second, manifest("run2"), Set.of("topic_daily"), Map.of());

        assertEquals(List.of("axis|2"), Duck.table(output.resolve("topic_daily")));
        assertEquals(List.of("a-2024-11-29|1|2024-11-29"), Duck.table(output.resolve("articles")));
    }

    @Test
    void readsTheManifestOfTheCurrentSnapshotBack() throws Exception {
        assertTrue(store.current().isEmpty());
        Manifest manifest = new Manifest("run1", "2024-11-30T02:00:00Z",
                List.of(new Manifest.ProcessedFile("file:///in/a.warc.gz", 123, 1732924800000L, null)),
                Map.of("extractor", "3"), Map.of("articles", "2"));
        Staging staging = store.beginStaging(lock, "run1");
        writeArticles(staging, "2024-11-30", 1);
        store.publish(lock, staging, manifest, Set.of("articles"), Map.of());
        assertEquals(manifest, store.current().orElseThrow().manifest());
    }

    @Test
    void keepsTheNewestSnapshotsAndDeletesOlderOnes() throws Exception {
        for (int run = 1; run <= 5; run++) {
            publishArticles("run" + run, run, "2024-11-30");
        }
        try (Stream<Path> entries = Files.list(output.resolve(SnapshotStore.SNAPSHOTS))) {
            assertEquals(List.of("s000003", "s000004", "s000005"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(List.of("a-2024-11-30|5|2024-11-30"), Duck.table(output.resolve("articles")));
    }

    @Test
    void letsDuckDbPinOneSnapshotThroughTheCurrentFile() throws Exception {
        publishArticles("run1", 1, "2024-11-30");
        // How a notebook reads several tables from one snapshot: resolve _CURRENT once, then read below it.
        String pinned = "SET VARIABLE snap = (SELECT trim(content) FROM read_text('" + output + "/_CURRENT'));";
        List<String> rows = Duck.rows(pinned + " SELECT id FROM read_parquet('" + output
                + "/_snapshots/' || getvariable('snap') || '/articles/*/*.parquet')");
        assertEquals(List.of("a-2024-11-30"), rows);
    }

    @Test
    void refusesARealFolderWhereATableLinkBelongs() throws Exception {
        Files.createDirectories(output.resolve("articles"));
        Staging staging = store.beginStaging(lock, "run1");
        writeArticles(staging, "2024-11-30", 1);
        Exception e = assertThrows(java.io.IOException.class,
                () -> store.publish(lock, staging, manifest("run1"), Set.of("articles"), Map.of()));
        assertTrue(e.getMessage().contains("move it away"), e.getMessage());
    }

    @Test
    void refusesBadTableNamesAndRunIds() {
        assertThrows(IllegalArgumentException.class, () -> store.tablePath("_hidden"));
        assertThrows(IllegalArgumentException.class, () -> store.tablePath("current"));
        assertThrows(IllegalArgumentException.class, () -> store.beginStaging(lock, "../escape"));
    }

    private void publishArticles(String runId, int version, String... dates) throws Exception {
        Staging staging = store.beginStaging(lock, runId);
        for (String date : dates) {
            writeArticles(staging, date, version);
        }
        store.publish(lock, staging, manifest(runId), Set.of(), Map.of("articles",
                Stream.of(dates).map(d -> "date=" + d).collect(java.util.stream.Collectors.toSet())));
    }

    static void writeArticles(Staging staging, String date, int version) throws Exception {
        Duck.writeParquet(staging.tablePath("articles").resolve("date=" + date).resolve("data_0.parquet"),
                "SELECT 'a-" + date + "' AS id, " + version + " AS version");
    }

    static Manifest manifest(String runId) {
        return new Manifest(runId, Instant.now().toString(), List.of(), Map.of(), Map.of());
    }

    private static Path onlyFile(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
            assertEquals(1, all.size(), () -> "files in " + dir + ": " + all);
            return all.get(0);
        }
    }
}
