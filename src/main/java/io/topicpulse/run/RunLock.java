package io.topicpulse.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One writer per output: the file {@code OUTPUT/_topicpulse/lock}, created only if absent, on any Hadoop file
 * system. Its holder rewrites a heartbeat into it; a lock whose heartbeat is older than the stale time (a crashed
 * run) is taken over, and so is one whose holder ran on this host and whose process is gone.
 *
 * <p>Create-if-absent is atomic on local disks and HDFS. On S3 it is as atomic as the connector makes it: S3A
 * checks for the object and then writes it, so two runs started within the same second could both win. Schedulers
 * must therefore start one run per output at a time (Airflow {@code max_active_runs=1}), which Delta's single-writer
 * rule on S3 asks anyway.
 */
public final class RunLock implements AutoCloseable {

    /** A lock whose heartbeat is older than this is taken over. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * What the lock file holds.
     *
     * @param token       unique per acquisition, so a holder tells its own lock from a successor's
     * @param owner       the run, e.g. "topicpulse nightly 20241130T020000Z-ab12"
     * @param host        host name of the holder's driver
     * @param pid         process id of the holder's driver
     * @param acquiredAt  when the lock was taken (ISO-8601)
     * @param heartbeatAt when the holder last proved alive (ISO-8601)
     */
    public record Holder(String token, String owner, String host, long pid, String acquiredAt, String heartbeatAt) {
        @Override
        public String toString() {
            return "'" + owner + "' (pid " + pid + " on " + host + ", since " + acquiredAt + ", last heartbeat "
                    + heartbeatAt + ")";
        }
    }

    /** Thrown when another live run holds the lock. */
    public static final class HeldException extends IOException {
        HeldException(Path file, Holder holder, Duration staleAfter) {
            super("another run holds " + file + ": " + holder + "; wait for it to finish (a lock whose heartbeat "
                    + "is older than " + staleAfter.toMinutes() + " minutes is taken over)");
        }
    }

    private final FileSystem fs;
    private final Path file;
    private final Holder holder;
    private final ScheduledExecutorService heartbeat;

    private RunLock(FileSystem fs, Path file, Holder holder, Duration staleAfter) {
        this.fs = fs;
        this.file = file;
        this.holder = holder;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "topicpulse-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, staleAfter.toMillis() / 5);
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** The lock file of an output. */
    public static Path file(String output) {
        return new Path(output, "_topicpulse/lock");
    }

    public static RunLock acquire(Configuration conf, String output, String owner) throws IOException {
        return acquire(conf, output, owner, DEFAULT_STALE_AFTER);
    }

    /** Takes the output's lock, or throws {@link HeldException} naming the live holder. */
    public static RunLock acquire(Configuration conf, String output, String owner, Duration staleAfter)
            throws IOException {
        Path file = file(output);
        FileSystem fs = file.getFileSystem(conf);
        String now = Instant.now().toString();
        Holder mine = new Holder(UUID.randomUUID().toString(), owner, hostName(), ProcessHandle.current().pid(), now,
                now);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (tryCreate(fs, file, mine)) {
                return new RunLock(fs, file, mine, staleAfter);
            }
            Optional<Holder> other = read(fs, file);
            if (other.isEmpty()) {
                continue; // released meanwhile
            }
            Instant beat = parse(other.get().heartbeatAt());
            boolean deadHere = diedOnThisHost(other.get(), mine.host());
            if (!deadHere && beat != null && beat.plus(staleAfter).isAfter(Instant.now())) {
                throw new HeldException(file, other.get(), staleAfter);
            }
            LOG.warn("taking over the lock of {}: {}", other.get().owner(), deadHere
                    ? "its process " + other.get().pid() + " is gone" : "no heartbeat since " + other.get().heartbeatAt());
            fs.delete(file, false);
        }
        throw new HeldException(file, read(fs, file).orElse(mine), staleAfter);
    }

    public Holder holder() {
        return holder;
    }

    /** Throws when the lock is no longer this run's (taken over after a long pause). */
    public void verifyHeld() throws IOException {
        Optional<Holder> now = read(fs, file);
        if (now.isEmpty() || !now.get().token().equals(holder.token())) {
            throw new IOException("lost the lock " + file + " to " + now.map(Holder::toString).orElse("nobody")
                    + "; this run stops before committing more");
        }
    }

    private void beat() {
        try {
            verifyHeld();
            write(fs, file, new Holder(holder.token(), holder.owner(), holder.host(), holder.pid(),
                    holder.acquiredAt(), Instant.now().toString()), true);
        } catch (IOException | RuntimeException e) {
            LOG.warn("lock heartbeat failed: {}", e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Optional<Holder> now = read(fs, file);
        if (now.isPresent() && now.get().token().equals(holder.token())) {
            fs.delete(file, false);
        }
    }

    /**
     * True when the holder ran on this host and its process is gone (or the pid now belongs to a process started
     * after the lock was taken): a killed run's lock need not wait for its heartbeat to go stale.
     */
    static boolean diedOnThisHost(Holder holder, String host) {
        if (holder.pid() <= 0 || !host.equals(holder.host())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(holder.pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Instant acquired = parse(holder.acquiredAt());
        Optional<Instant> started = process.get().info().startInstant();
        return acquired != null && started.isPresent() && started.get().isAfter(acquired);
    }

    private static boolean tryCreate(FileSystem fs, Path file, Holder mine) throws IOException {
        try {
            if (fs.exists(file)) {
                return false;
            }
            write(fs, file, mine, false);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // HDFS reports a lost create race as an AlreadyBeingCreated or FileAlreadyExists remote exception.
            if (String.valueOf(e.getMessage()).contains("already exists")
                    || e.getClass().getName().contains("AlreadyBeingCreated")) {
                return false;
            }
            throw e;
        }
    }

    private static void write(FileSystem fs, Path file, Holder holder, boolean overwrite) throws IOException {
        try (FSDataOutputStream out = fs.create(file, overwrite)) {
            out.write(JSON.writeValueAsBytes(holder));
        }
    }

    private static Optional<Holder> read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            byte[] bytes = in.readAllBytes();
            try {
                return Optional.of(JSON.readValue(bytes, Holder.class));
            } catch (IOException e) {
                // Torn or foreign content: a lock nobody can prove alive.
                return Optional.of(new Holder("unreadable", new String(bytes, StandardCharsets.UTF_8).strip(),
                        "unknown", -1, null, null));
            }
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Instant parse(String instant) {
        try {
            return instant == null ? null : Instant.parse(instant);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
