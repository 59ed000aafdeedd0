package io.topicpulse.table.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Parquet tables under an output folder, replaced all at once: each run stages a complete new snapshot and publishes
 * it with one atomic rename, so readers see the old tables or the new ones, never a mix, and a crash at any point
 * leaves the published tables as they were.
 *
 * <p>Layout: {@code OUTPUT/_snapshots/s000007/<table>/<partition>/*.parquet} plus {@code _manifest.json};
 * {@code OUTPUT/current} is a symbolic link to the published snapshot and {@code OUTPUT/<table>} a link to
 * {@code current/<table>}, so {@code read_parquet('OUTPUT/articles/**}{@code /*.parquet')} and
 * {@code spark.read.parquet("OUTPUT/articles")} read the published tables. {@code OUTPUT/_CURRENT} names the
 * published snapshot in a text file for readers (and file systems) without symbolic links.
 *
 * <p>A file path under a table never changes content from one snapshot to the next: carried-over files keep their
 * name and bytes (hard links), newly written files get the snapshot name in theirs. So a reader that listed the old
 * snapshot and opens a file after the switch reads the same bytes or fails with "file not found"; it never mixes
 * silently. Readers that need a fixed snapshot for a long session read {@link Snapshot#tablePath}.
 */
public final class SnapshotStore {

    /** Folder of the snapshots inside the output folder. */
    public static final String SNAPSHOTS = "_snapshots";
    /** Symbolic link to the published snapshot. */
    public static final String CURRENT_LINK = "current";
    /** Text file naming the published snapshot. */
    public static final String CURRENT_FILE = "_CURRENT";
    /** Published snapshots kept (the current one included) so readers of older ones can finish. */
    public static final int DEFAULT_KEEP = 3;

    private static final Logger LOG = Logger.getLogger(SnapshotStore.class.getName());
    private static final Pattern SNAPSHOT = Pattern.compile("s(\\d{6})");
    private static final Pattern ANY_SNAPSHOT_ENTRY = Pattern.compile("s(\\d{6})(\\..*)?");
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String STAGING_MARK = ".staging-";
    private static final String DELETING_MARK = ".deleting";

    private final Path output;
    private final Path snapshots;
    private final int keep;
    private Consumer<String> stepListener = step -> { };

    private SnapshotStore(Path output, int keep) {
        this.output = output;
        this.snapshots = output.resolve(SNAPSHOTS);
        this.keep = keep;
    }

    /** The store in {@code output} (which need not exist yet), keeping {@link #DEFAULT_KEEP} snapshots. */
    public static SnapshotStore open(Path output) {
        return open(output, DEFAULT_KEEP);
    }

    /** The store in {@code output}, keeping the {@code keep} newest published snapshots. */
    public static SnapshotStore open(Path output, int keep) {
        if (output == null) {
            throw new IllegalArgumentException("output must not be null");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, was " + keep);
        }
        return new SnapshotStore(output.toAbsolutePath().normalize(), keep);
    }

    public Path output() {
        return output;
    }

    /** {@code OUTPUT/<table>}: the link through which readers see the published table. */
    public Path tablePath(String table) {
        return output.resolve(checkTableName(table));
    }

    /** The published snapshot, or empty before the first publish. */
    public Optional<Snapshot> current() throws IOException {
        Optional<String> name = currentName();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Path path = snapshots.resolve(name.get());
        Path manifestFile = path.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException("published snapshot " + path + " has no " + Manifest.FILE_NAME
                    + "; the output folder was changed by something other than this store");
        }
        return Optional.of(new Snapshot(name.get(), path, Manifest.fromJson(Files.readAllBytes(manifestFile))));
    }

    /**
     * Removes what crashed runs left (staging folders, unpublished snapshots, half-deleted ones, temporary links),
     * repairs {@code _CURRENT} and the table links, and deletes published snapshots beyond the newest {@code keep}.
     *
     * @return names of the entries removed
     */
    public List<String> cleanup(RunLock lock) throws IOException {
        checkLock(lock);
        List<String> removed = new ArrayList<>();
        Optional<String> current = currentName();
        int currentNumber = current.map(SnapshotStore::number).orElse(0);
        List<String> published = new ArrayList<>();
        for (String entry : list(snapshots)) {
            Matcher m = SNAPSHOT.matcher(entry);
            if (m.matches() && Integer.parseInt(m.group(1)) <= currentNumber) {
                published.add(entry);
            } else {
                // Staging, half-deleted, or renamed into place but never made current: no reader has seen it,
                // and no other run is writing it since we hold the lock.
                deleteTree(snapshots.resolve(entry));
                removed.add(entry);
            }
        }
        published.sort(Comparator.reverseOrder());
        for (String old : published.subList(Math.min(keep, published.size()), published.size())) {
            Path aside = snapshots.resolve(old + DELETING_MARK);
            // Rename first so the snapshot disappears whole even if the delete is interrupted.
            Files.move(snapshots.resolve(old), aside, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(aside);
            removed.add(old);
        }
        for (String entry : list(output)) {
            if (entry.startsWith(CURRENT_LINK + ".tmp-") || entry.startsWith(CURRENT_FILE + ".tmp-")) {
                Files.deleteIfExists(output.resolve(entry));
                removed.add(entry);
            }
        }
        if (current.isPresent()) {
            writePointers(current.get());
        }
        if (!removed.isEmpty()) {
            LOG.info("cleaned up " + output + ": removed " + removed);
        }
        return removed;
    }

    /**
     * Cleans up after crashed runs and opens a staging folder for the next snapshot.
     *
     * @param runId letters, digits, '.', '_' and '-'; names the staging folder
     */
    public Staging beginStaging(RunLock lock, String runId) throws IOException {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("runId must be letters, digits, '.', '_' or '-', was " + runId);
        }
        cleanup(lock);
        int next = 1;
        for (String entry : list(snapshots)) {
            Matcher m = ANY_SNAPSHOT_ENTRY.matcher(entry);
            if (m.matches()) {
                next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
            }
        }
        String name = String.format("s%06d", next);
        Path path = snapshots.resolve(name + STAGING_MARK + runId);
        Files.createDirectories(path);
        return new Staging(name, runId, path);
    }

    /**
     * Publishes a staged snapshot: carries over from the current snapshot every table and partition the run did
     * not rewrite, writes the manifest, makes everything durable, then switches readers to it in one atomic step.
     *
     * @param tablesRewrittenWhole tables whose staged copy replaces the current one entirely (a table not staged but
     *                             listed here is dropped)
     * @param partitionsRewritten  table to partitions (relative paths such as "date=2024-11-30", "" for an
     *                             unpartitioned table's root) whose staged files replace the current ones; a listed
     *                             partition with nothing staged is dropped. Tables and partitions in neither argument
     *                             are carried over unchanged.
     * @return the new current snapshot
     * @throws IllegalArgumentException when a staged partition that also exists in the current snapshot is not
     *                                  declared rewritten (it would silently double its rows)
     */
    public Snapshot publish(RunLock lock, Staging staging, Manifest manifest, Set<String> tablesRewrittenWhole,
                            Map<String, Set<String>> partitionsRewritten) throws IOException {
        return publish(lock, staging, manifest, tablesRewrittenWhole, partitionsRewritten, Map.of(), Map.of());
    }

    /**
     * {@link #publish(RunLock, Staging, Manifest, Set, Map)} for runs that also add rows to partitions without
     * rewriting them: an append-only table costs a run its new rows, not the table.
     *
     * @param partitionsAppended table to partitions whose staged files are published beside the current ones
     * @param filesDropped       table to data files of the current snapshot (paths relative to the table folder,
     *                           '/'-separated) not carried over, typically because the run staged a revised copy of
     *                           their rows; each must exist
     */
    public Snapshot publish(RunLock lock, Staging staging, Manifest manifest, Set<String> tablesRewrittenWhole,
                            Map<String, Set<String>> partitionsRewritten, Map<String, Set<String>> partitionsAppended,
                            Map<String, Set<String>> filesDropped) throws IOException {
        checkLock(lock);
        if (staging == null || manifest == null || tablesRewrittenWhole == null || partitionsRewritten == null
                || partitionsAppended == null || filesDropped == null) {
            throw new IllegalArgumentException("staging, manifest, tablesRewrittenWhole, partitionsRewritten, "
                    + "partitionsAppended and filesDropped must not be null");
        }
        if (!staging.path().getParent().equals(snapshots) || !Files.isDirectory(staging.path())) {
            throw new IllegalArgumentException("staging " + staging.path() + " is not an open staging folder of "
                    + output);
        }
        tablesRewrittenWhole.forEach(SnapshotStore::checkTableName);
        for (Map.Entry<String, Set<String>> e : partitionsRewritten.entrySet()) {
            checkTableName(e.getKey());
            if (tablesRewrittenWhole.contains(e.getKey())) {
                throw new IllegalArgumentException("table " + e.getKey()
                        + " is in both tablesRewrittenWhole and partitionsRewritten");
            }
        }
        Optional<Snapshot> previous = current();
        Set<String> stagedTables = tables(staging.path());
        Set<String> allTables = new TreeSet<>(stagedTables);
        if (previous.isPresent()) {
            allTables.addAll(tables(previous.get().path()));
        }
        for (String table : allTables) {
            Path link = output.resolve(table);
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
                throw new IOException(link + " is a real folder or file, but the store publishes " + table
                        + " as a link there; move it away first");
            }
        }

        for (Map.Entry<String, Set<String>> e : filesDropped.entrySet()) {
            checkTableName(e.getKey());
            for (String file : e.getValue()) {
                Path current = previous.map(p -> p.tablePath(e.getKey()).resolve(file)).orElse(null);
                if (current == null || !Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException("table " + e.getKey() + ": file to drop '" + file
                            + "' is not in the current snapshot");
                }
            }
        }
        for (String table : stagedTables) {
            Set<String> replaced = partitionsRewritten.getOrDefault(table, Set.of());
            Set<String> added = partitionsAppended.getOrDefault(table, Set.of());
            Map<String, List<String>> previousFiles = previous.isPresent() && !tablesRewrittenWhole.contains(table)
                    ? dataFilesByPartition(previous.get().tablePath(table)) : Map.of();
            Map<String, List<String>> stagedFiles = dataFilesByPartition(staging.tablePath(table));
            for (String partition : stagedFiles.keySet()) {
                if (previousFiles.containsKey(partition) && !replaced.contains(partition)
                        && !added.contains(partition)) {
                    throw new IllegalArgumentException("table " + table + " partition '" + partition
                            + "' was written in staging but exists in the current snapshot and is not declared "
                            + "rewritten; declare it in partitionsRewritten, partitionsAppended or "
                            + "tablesRewrittenWhole");
                }
            }
            renameWithSnapshotName(staging.tablePath(table), stagedFiles, staging.name());
        }
        if (previous.isPresent()) {
            for (String table : tables(previous.get().path())) {
                if (!tablesRewrittenWhole.contains(table)) {
                    carryOver(previous.get().tablePath(table), staging.tablePath(table),
                            partitionsRewritten.getOrDefault(table, Set.of()),
                            filesDropped.getOrDefault(table, Set.of()));
                }
            }
        }
        step("carried-over");

        Path manifestFile = staging.path().resolve(Manifest.FILE_NAME);
        Files.write(manifestFile, manifest.toJson());
        step("manifest-written");
        syncTree(staging.path());
        step("synced");

        checkLock(lock);
        Path published = snapshots.resolve(staging.name());
        Files.move(staging.path(), published, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(snapshots);
        step("renamed");

        switchCurrent(staging.name(), staging.runId());
        step("switched");
        writePointers(staging.name());
        step("pointers-written");
        cleanup(lock);
        step("cleaned-up");
        return current().orElseThrow(() -> new IOException("published " + published + " but cannot read it back"));
    }

    /** Checks a table name: lower-case letters, digits and '_', not starting with '_' (which readers skip). */
    static String checkTableName(String table) {
        if (table == null || !TABLE.matcher(table).matches() || table.equals(CURRENT_LINK)) {
            throw new IllegalArgumentException("table name must match [a-z][a-z0-9_]* and not be '"
                    + CURRENT_LINK + "', was " + table);
        }
        return table;
    }

    /** For crash tests: called with the name of each publish step once it is done. */
    void onStep(Consumer<String> listener) {
        this.stepListener = listener;
    }

    private void step(String name) {
        stepListener.accept(name);
    }

    private void checkLock(RunLock lock) throws IOException {
        if (lock == null) {
            throw new IllegalArgumentException("lock must not be null");
        }
        if (!lock.output().toAbsolutePath().normalize().equals(output)) {
            throw new IllegalArgumentException("lock is for " + lock.output() + ", not " + output);
        }
        lock.verifyHeld();
    }

    private Optional<String> currentName() throws IOException {
        Path link = output.resolve(CURRENT_LINK);
        if (Files.isSymbolicLink(link)) {
            return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
        }
        Path file = output.resolve(CURRENT_FILE);
        if (Files.isRegularFile(file)) {
            String name = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!SNAPSHOT.matcher(name).matches()) {
                throw new IOException(file + " names no snapshot: '" + name + "'");
            }
            return Optional.of(name);
        }
        return Optional.empty();
    }

    /**
     * The commit point: a fresh link renamed over {@code current} (rename replaces atomically). Without symbolic
     * links the {@code _CURRENT} file, replaced the same way, is the commit point instead.
     */
    private void switchCurrent(String name, String runId) throws IOException {
        Path temp = output.resolve(CURRENT_LINK + ".tmp-" + runId);
        Files.deleteIfExists(temp);
        try {
            Files.createSymbolicLink(temp, Path.of(SNAPSHOTS, name));
        } catch (UnsupportedOperationException | FileSystemException e) {
            LOG.warning("no symbolic links in " + output + " (" + e + "); publishing through " + CURRENT_FILE
                    + " only");
            writeCurrentFile(name);
            return;
        }
        Files.move(temp, output.resolve(CURRENT_LINK), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(output);
    }

    /** Brings {@code _CURRENT} and the per-table links in line with the published snapshot. */
    private void writePointers(String name) throws IOException {
        Path current = output.resolve(CURRENT_FILE);
        if (!Files.isRegularFile(current) || !Files.readString(current, StandardCharsets.UTF_8).trim().equals(name)) {
            writeCurrentFile(name);
        }
        if (!Files.isSymbolicLink(output.resolve(CURRENT_LINK))) {
            return;
        }
        Set<String> tables = tables(snapshots.resolve(name));
        for (String table : tables) {
            Path link = output.resolve(table);
            if (!Files.isSymbolicLink(link) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of(CURRENT_LINK, table));
            }
        }
        for (String entry : list(output)) {
            Path link = output.resolve(entry);
            if (Files.isSymbolicLink(link) && !tables.contains(entry) && TABLE.matcher(entry).matches()
                    && Files.readSymbolicLink(link).equals(Path.of(CURRENT_LINK, entry))) {
                Files.delete(link); // a table the new snapshot dropped
            }
        }
    }

    private void writeCurrentFile(String name) throws IOException {
        Path temp = output.resolve(CURRENT_FILE + ".tmp-" + name);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            // No trailing newline: readers splice the name into paths verbatim.
            channel.write(ByteBuffer.wrap(name.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temp, output.resolve(CURRENT_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(output);
    }

    /**
     * Gives every newly written data file the snapshot's name, so no path under a table ever holds different bytes
     * in two snapshots; drops their Hadoop checksum files, which would no longer match a name.
     */
    private static void renameWithSnapshotName(Path table, Map<String, List<String>> files, String snapshot)
            throws IOException {
        String mark = "-" + snapshot;
        for (Map.Entry<String, List<String>> partition : files.entrySet()) {
            Path dir = partition.getKey().isEmpty() ? table : table.resolve(partition.getKey());
            for (String file : partition.getValue()) {
                if (file.contains(mark)) {
                    continue;
                }
                int dot = file.indexOf('.');
                String renamed = dot < 0 ? file + mark : file.substring(0, dot) + mark + file.substring(dot);
                Files.move(dir.resolve(file), dir.resolve(renamed), StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(dir.resolve("." + file + ".crc"));
            }
        }
    }

    /**
     * Hard-links (or copies, where links are impossible) the partitions not rewritten into the staged table, but
     * not the dropped files.
     */
    private static void carryOver(Path from, Path to, Set<String> rewritten, Set<String> dropped) throws IOException {
        for (Map.Entry<String, List<String>> partition : dataFilesByPartition(from).entrySet()) {
            if (rewritten.contains(partition.getKey())) {
                continue;
            }
            Path source = partition.getKey().isEmpty() ? from : from.resolve(partition.getKey());
            Path target = partition.getKey().isEmpty() ? to : to.resolve(partition.getKey());
            Files.createDirectories(target);
            for (String file : partition.getValue()) {
                if (dropped.contains(partition.getKey().isEmpty() ? file : partition.getKey() + "/" + file)) {
                    continue;
                }
                try {
                    Files.createLink(target.resolve(file), source.resolve(file));
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (UnsupportedOperationException | FileSystemException e) {
                    Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * Data files of a table grouped by partition (relative folder, '/'-separated, "" for the root); files and
     * folders starting with '_' or '.' (_SUCCESS, _temporary, checksums) are not data, as Spark and DuckDB agree.
     * Empty when the folder does not exist.
     */
    public static Map<String, List<String>> dataFilesByPartition(Path table) throws IOException {
        Map<String, List<String>> files = new TreeMap<>();
        if (!Files.isDirectory(table)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(table)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Path relative = table.relativize(file);
                boolean hidden = false;
                for (Path part : relative) {
                    hidden |= part.toString().startsWith("_") || part.toString().startsWith(".");
                }
                if (!hidden) {
                    Path parent = relative.getParent();
                    String partition = parent == null ? "" : parent.toString().replace('\\', '/');
                    files.computeIfAbsent(partition, k -> new ArrayList<>()).add(file.getFileName().toString());
                }
            }
        }
        return files;
    }

    private static Set<String> tables(Path snapshot) throws IOException {
        Set<String> tables = new TreeSet<>();
        for (String entry : list(snapshot)) {
            if (TABLE.matcher(entry).matches() && Files.isDirectory(snapshot.resolve(entry), LinkOption.NOFOLLOW_LINKS)) {
                tables.add(entry);
            }
        }
        return tables;
    }

    private static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    private static int number(String snapshotName) {
        return Integer.parseInt(snapshotName.substring(1));
    }

    /** fsyncs every file and folder below {@code root}: files Spark wrote were never synced. */
    private static void syncTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (FileChannel channel = FileChannel.open(p, StandardOpenOption.READ)) {
                        channel.force(true);
                    }
                }
            }
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    syncDirectory(p);
                }
            }
        }
    }

    /** fsyncs a folder so renames and new entries in it survive a power loss; a no-op where unsupported. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open folders for sync; the rename is still atomic, only less durable.
        }
    }

    /** Deletes a folder and all below it; nothing when it does not exist, or when entries vanish meanwhile. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException ignored) {
                    // already gone
                }
            }
        }
    }
}
