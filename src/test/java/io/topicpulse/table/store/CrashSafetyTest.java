package io.topicpulse.table.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills real runs (SIGKILL on a child JVM) while they write or publish, then checks what readers see and that the
 * next run recovers.
 */
class CrashSafetyTest {

    private static final Set<String> STEPS_BEFORE_THE_SWITCH =
            Set.of("write", "carried-over", "manifest-written", "synced", "renamed");

    @TempDir
    Path output;

    @BeforeEach
    void publishVersionOne() throws Exception {
        try (RunLock lock = RunLock.acquire(output, "setup")) {
            SnapshotStore store = SnapshotStore.open(output);
            Staging staging = store.beginStaging(lock, "v1");
            Duck.writeParquet(staging.tablePath("articles").resolve("date=1/data_0.parquet"),
                    "SELECT 'a1' AS id, 1 AS version");
            StoreChild.writeVersion(staging, 1);
            store.publish(lock, staging, SnapshotStoreTest.manifest("v1"), Set.of("articles", "mentions"), Map.of());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"write", "carried-over", "manifest-written", "synced", "renamed", "switched",
            "pointers-written"})
    void aRunKilledAtAnyStepLeavesTheOldOrTheNewTablesAndTheNextRunCompletes(String step) throws Exception {
        try (Child child = Child.start("publish", output.toString(), "2", step)) {
            child.await("AT " + step);
            child.kill();
        }
        int expected = STEPS_BEFORE_THE_SWITCH.contains(step) ? 1 : 2;
        assertEquals(tables(expected), readTables(), "after a kill at " + step);

        StoreChild.publish(output, 3, "none"); // takes over the dead run's lock, cleans up, publishes
        assertEquals(tables(3), readTables());
        assertNoLeftovers();
    }

    @Test
    void aFirstRunKilledAfterRenamingItsSnapshotLeavesNoTablesAndTheNextRunPublishes(@TempDir Path fresh)
            throws Exception {
        try (Child child = Child.start("publish", fresh.toString(), "2", "renamed")) {
            child.await("AT renamed");
            child.kill();
        }
        assertTrue(SnapshotStore.open(fresh).current().isEmpty(), "nothing was published");
        StoreChild.publish(fresh, 3, "none");
        assertEquals(List.of(List.of("a2|3|2"), List.of("axis|3")),
                List.of(Duck.table(fresh.resolve("articles")), Duck.table(fresh.resolve("mentions"))));
        try (Stream<Path> entries = Files.list(fresh.resolve(SnapshotStore.SNAPSHOTS))) {
            assertEquals(List.of("s000001"), entries.map(p -> p.getFileName().toString()).toList(),
                    "the unpublished snapshot was removed and its number reused");
        }
    }

    @Test
    void runsKilledAtRandomMomentsNeverLeaveAMixedOrBrokenState() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 4; round++) {
            try (Child child = Child.start("publish-loop", output.toString())) {
                child.await("PUBLISHED");
                Thread.sleep(random.nextInt(400));
                child.kill();
            }
            List<String> articles = Duck.table(output.resolve("articles"));
            List<String> mentions = Duck.table(output.resolve("mentions"));
            int version = Integer.parseInt(mentions.get(0).split("\\|")[1]);
            assertEquals(tables(version), List.of(articles, mentions), "round " + round);
        }
        StoreChild.publish(output, 1000, "none");
        assertEquals(tables(1000), readTables());
        assertNoLeftovers();
    }

    private List<List<String>> readTables() throws Exception {
        return List.of(Duck.table(output.resolve("articles")), Duck.table(output.resolve("mentions")));
    }

    /** What readers must see once {@code version} is published: date=1 carried over from version 1. */
    private static List<List<String>> tables(int version) {
        return List.of(List.of("a1|1|1", "a2|" + version + "|2"), List.of("axis|" + version));
    }

    private void assertNoLeftovers() throws Exception {
        try (Stream<Path> entries = Files.list(output.resolve(SnapshotStore.SNAPSHOTS))) {
            List<String> names = entries.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().allMatch(n -> n.matches("s\\d{6}")), "left in _snapshots: " + names);
        }
        try (Stream<Path> entries = Files.list(output)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("_CURRENT", "_snapshots", "articles", "current", "mentions"), names);
        }
    }
}
