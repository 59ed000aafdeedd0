package io.topicpulse.table.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLockTest {

    @TempDir
    Path output;

    @Test
    void refusesASecondRunNamingTheHolder() throws Exception {
        try (RunLock first = RunLock.acquire(output, "nightly 2024-11-30")) {
            RunLock.HeldException e = assertThrows(RunLock.HeldException.class,
                    () -> RunLock.acquire(output, "nightly again"));
            assertTrue(e.getMessage().contains("'nightly 2024-11-30' (pid " + ProcessHandle.current().pid()),
                    e.getMessage());
            assertEquals(first.holder(), e.holder());
        }
    }

    @Test
    void theNextHolderRemovesTheTemporaryFilesOfRunsKilledWhileTakingOrHoldingTheLock() throws Exception {
        List<Path> leftovers = new ArrayList<>();
        for (String kind : List.of(".new-killed", ".beat-ousted", ".stale-interrupted")) {
            leftovers.add(Files.writeString(output.resolve(RunLock.FILE_NAME + kind), "{}"));
        }
        Path unrelated = Files.writeString(output.resolve("_CURRENT"), "s000001");
        try (RunLock lock = RunLock.acquire(output, "nightly")) {
            lock.verifyHeld();
            for (Path leftover : leftovers) {
                assertFalse(Files.exists(leftover), leftover + " removed");
            }
            assertTrue(Files.exists(unrelated));
        }
    }

    @Test
    void releasesTheLockOnClose() throws Exception {
        RunLock.acquire(output, "first").close();
        assertFalse(Files.exists(output.resolve(RunLock.FILE_NAME)));
        RunLock.acquire(output, "second").close();
    }

    @Test
    void takesOverTheLockOfAKilledHolder() throws Exception {
        try (Child child = Child.start("hold-lock", output.toString())) {
            child.await("LOCKED");
            RunLock.HeldException e = assertThrows(RunLock.HeldException.class,
                    () -> RunLock.acquire(output, "nightly"));
            assertEquals(child.pid(), e.holder().pid());
            child.kill();
            try (RunLock lock = RunLock.acquire(output, "nightly")) {
                assertEquals(ProcessHandle.current().pid(), lock.holder().pid());
                lock.verifyHeld();
            }
        }
    }

    @Test
    void takesOverALockFromAnotherHostWhoseHeartbeatStopped() throws Exception {
        writeForeignLock(Instant.now().minus(Duration.ofHours(1)));
        try (RunLock lock = RunLock.acquire(output, "nightly")) {
            lock.verifyHeld();
        }
    }

    @Test
    void respectsALockFromAnotherHostWithARecentHeartbeat() throws Exception {
        writeForeignLock(Instant.now());
        RunLock.HeldException e = assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(output, "nightly"));
        assertTrue(e.getMessage().contains("on elsewhere.example"), e.getMessage());
    }

    @Test
    void keepsALongRunsLockFreshWithHeartbeats() throws Exception {
        Duration staleAfter = Duration.ofMillis(600);
        try (RunLock lock = RunLock.acquire(output, "long run", staleAfter)) {
            Thread.sleep(3 * staleAfter.toMillis());
            assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(output, "impatient", staleAfter));
            lock.verifyHeld();
        }
    }

    @Test
    void noticesWhenItsLockWasTakenOver() throws Exception {
        try (RunLock lock = RunLock.acquire(output, "slow run")) {
            Files.delete(output.resolve(RunLock.FILE_NAME));
            writeForeignLock(Instant.now());
            IOException e = assertThrows(IOException.class, lock::verifyHeld);
            assertTrue(e.getMessage().contains("lost the lock"), e.getMessage());
        }
        assertTrue(Files.exists(output.resolve(RunLock.FILE_NAME)), "closing must not delete another run's lock");
    }

    @Test
    void refusesABlankOwner() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunLock.acquire(output, " "));
        assertEquals("owner must not be blank", e.getMessage());
    }

    private void writeForeignLock(Instant heartbeat) throws IOException {
        RunLock.Holder holder = new RunLock.Holder("t-foreign", "nightly elsewhere", "elsewhere.example", 4242,
                null, heartbeat.toString(), heartbeat.toString());
        Files.write(output.resolve(RunLock.FILE_NAME), new ObjectMapper().writeValueAsBytes(holder));
    }
}
