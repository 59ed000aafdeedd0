package io.topicpulse.table.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An exclusive lock on an output folder, held by one run at a time as the file {@code OUTPUT/_lock}; a lock left
 * by a crashed holder (dead process on this host, or no heartbeat for {@link #DEFAULT_STALE_AFTER}) is taken over.
 */
public final class RunLock implements AutoCloseable {

    /** File name of the lock inside the output folder. */
    public static final String FILE_NAME = "_lock";
    /** A lock whose heartbeat is older than this is considered abandoned. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(10);

    private static final Logger LOG = Logger.getLogger(RunLock.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * What a lock file holds.
     *
     * @param token       unique per acquisition, so a holder can tell its own lock from a successor's
     * @param owner       free text naming the run (e.g. "nightly 2024-11-30")
     * @param host        host name of the holder
     * @param pid         process id of the holder
     * @param startedAt   when the holder's process started (ISO-8601), to tell a reused pid from the holder
     * @param acquiredAt  when the lock was taken (ISO-8601)
     * @param heartbeatAt when the holder last proved alive (ISO-8601)
     */
    public record Holder(String token, String owner, String host, long pid, String startedAt, String acquiredAt,
                         String heartbeatAt) {

        @Override
        public String toString() {
            return "'" + owner + "' (pid " + pid + " on " + host + ", since " + acquiredAt + ", last heartbeat "
                    + heartbeatAt + ")";
        }
    }

    /** Thrown when another live run holds the lock. */
    public static final class HeldException extends IOException {
        private final transient Holder holder;

        HeldException(Path lockFile, Holder holder) {
            super("another run holds " + lockFile + ": " + holder
                    + "; wait for it to finish, or delete the file if you are sure that run is gone");
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    // Stands for a lock file that cannot be parsed; compared by identity.
    private static final Holder UNREADABLE = new Holder("unreadable", "unknown", "unknown", -1, null, null, null);

    private final Path lockFile;
    private final Holder holder;
    private final ScheduledExecutorService heartbeat;
    private volatile boolean closed;

    private RunLock(Path lockFile, Holder holder, Duration heartbeatEvery) {
        this.lockFile = lockFile;
        this.holder = holder;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long millis = heartbeatEvery.toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Takes the lock on {@code output} with the default staleness timeout. */
    public static RunLock acquire(Path output, String owner) throws IOException {
        return acquire(output, owner, DEFAULT_STALE_AFTER);
    }

    /**
     * Takes the lock on {@code output} (created if missing), taking over a stale one.
     *
     * @param staleAfter a lock without heartbeat for this long is abandoned; the holder beats every 1/5 of it
     * @throws HeldException when a live run holds it
     */
    public static RunLock acquire(Path output, String owner, Duration staleAfter) throws IOException {
        if (output == null) {
            throw new IllegalArgumentException("output must not be null");
        }
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
        if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, was " + staleAfter);
        }
        Files.createDirectories(output);
        Path lockFile = output.resolve(FILE_NAME);
        ProcessHandle self = ProcessHandle.current();
        String now = Instant.now().toString();
        Holder mine = new Holder(UUID.randomUUID().toString(), owner, hostName(), self.pid(),
                self.info().startInstant().map(Instant::toString).orElse(null), now, now);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (tryCreate(lockFile, mine)) {
                removeLeftovers(lockFile, mine);
                return new RunLock(lockFile, mine, staleAfter.dividedBy(5));
            }
            Optional<Holder> current = read(lockFile);
            if (current.isEmpty()) {
                continue; // released between our attempt and the read
            }
            Holder other = current.get();
            String staleness = staleness(other, staleAfter);
            if (staleness == null) {
                throw new HeldException(lockFile, other);
            }
            takeOver(lockFile, other, staleness);
        }
        throw new IOException("could not acquire " + lockFile + ": it keeps changing hands");
    }

    /** Who holds this lock. */
    public Holder holder() {
        return holder;
    }

    /** The output folder this lock protects. */
    public Path output() {
        return lockFile.getParent();
    }

    /** Throws unless the lock file still carries this holder's token (it may have been taken over as stale). */
    public void verifyHeld() throws IOException {
        if (closed) {
            throw new IllegalStateException("lock on " + output() + " was released");
        }
        Optional<Holder> current = read(lockFile);
        if (current.isEmpty() || !current.get().token().equals(holder.token())) {
            throw new IOException("lost the lock " + lockFile + " to " + current.map(Holder::toString)
                    .orElse("nobody (file deleted)") + "; refusing to publish");
        }
    }

    /** Stops the heartbeat and deletes the lock file if it is still ours. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        heartbeat.shutdownNow();
        try {
            // A beat in flight would write the file back after we delete it.
            heartbeat.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Optional<Holder> current = read(lockFile);
        if (current.isPresent() && current.get().token().equals(holder.token())) {
            Files.deleteIfExists(lockFile);
        }
    }

    private void beat() {
        try {
            Optional<Holder> current = read(lockFile);
            if (closed || current.isEmpty() || !current.get().token().equals(holder.token())) {
                return;
            }
            Holder beaten = new Holder(holder.token(), holder.owner(), holder.host(), holder.pid(),
                    holder.startedAt(), holder.acquiredAt(), Instant.now().toString());
            Path temp = lockFile.resolveSibling(FILE_NAME + ".beat-" + holder.token());
            Files.write(temp, JSON.writeValueAsBytes(beaten));
            Files.move(temp, lockFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "heartbeat on " + lockFile + " failed", e);
        }
    }

    /** Why {@code other} is stale, or null when it looks alive. */
    private static String staleness(Holder other, Duration staleAfter) {
        if (other == UNREADABLE) {
            return "the lock file is unreadable";
        }
        if (hostName().equals(other.host())) {
            Optional<ProcessHandle> process = ProcessHandle.of(other.pid());
            if (process.isEmpty() || !process.get().isAlive()) {
                return "its process " + other.pid() + " on this host is gone";
            }
            String started = process.get().info().startInstant().map(Instant::toString).orElse(null);
            if (other.startedAt() != null && started != null && !started.equals(other.startedAt())) {
                return "pid " + other.pid() + " now belongs to another process";
            }
        }
        try {
            Instant beat = Instant.parse(other.heartbeatAt());
            if (beat.plus(staleAfter).isBefore(Instant.now())) {
                return "no heartbeat since " + beat + " (timeout " + staleAfter + ")";
            }
        } catch (RuntimeException e) {
            return "its heartbeat '" + other.heartbeatAt() + "' is unreadable";
        }
        return null;
    }

    /**
     * Moves the stale lock aside; if what was moved turns out to be a fresh lock another run took over in the
     * meantime, puts it back (link fails if yet another appeared) and lets the caller retry.
     */
    private static void takeOver(Path lockFile, Holder stale, String why) throws IOException {
        Path aside = lockFile.resolveSibling(FILE_NAME + ".stale-" + UUID.randomUUID());
        try {
            Files.move(lockFile, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        }
        Optional<Holder> moved = read(aside);
        if (moved.isPresent() && !stale.token().equals(moved.get().token())) {
            try {
                Files.createLink(lockFile, aside);
            } catch (FileAlreadyExistsException ignored) {
                // a third run holds it now; the retry will see that one
            }
        } else {
            LOG.warning("took over stale lock " + lockFile + " held by " + stale + ": " + why);
        }
        Files.deleteIfExists(aside);
    }

    /**
     * Removes the temporary files that runs killed while taking, beating or taking over the lock left beside it.
     * Any such file not ours is a leftover once we hold the lock: a live contender whose {@code .new-} file goes
     * finds the lock held ({@link #tryCreate}); a run taking over whose {@code .stale-} file goes finds nothing to
     * put back; an ousted holder whose {@code .beat-} file goes cannot write its beat over our lock.
     */
    private static void removeLeftovers(Path lockFile, Holder mine) {
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(lockFile.getParent(), FILE_NAME + ".*")) {
            for (Path sibling : siblings) {
                if (!sibling.getFileName().toString().contains(mine.token()) && Files.deleteIfExists(sibling)) {
                    LOG.info("removed " + sibling + ", left by a run killed while it held or took the lock");
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot clear the lock's leftovers beside " + lockFile, e);
        }
    }

    /** Creates the lock file complete or not at all: the content is written aside and hard-linked into place. */
    private static boolean tryCreate(Path lockFile, Holder mine) throws IOException {
        Path temp = lockFile.resolveSibling(FILE_NAME + ".new-" + mine.token());
        Files.write(temp, JSON.writeValueAsBytes(mine));
        try {
            try {
                Files.createLink(lockFile, temp);
            } catch (UnsupportedOperationException e) {
                // No hard links: CREATE_NEW is just as exclusive, only a crash mid-write leaves a partial file.
                Files.write(lockFile, Files.readAllBytes(temp), java.nio.file.StandardOpenOption.CREATE_NEW);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (NoSuchFileException e) {
            // Our file was removed as a leftover by a run that has just taken the lock: it is held.
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The holder in the lock file; empty when there is no file, {@link #UNREADABLE} when it cannot be parsed. */
    private static Optional<Holder> read(Path lockFile) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(lockFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(bytes, Holder.class));
        } catch (IOException e) {
            return Optional.of(UNREADABLE);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown-host";
        }
    }
}
