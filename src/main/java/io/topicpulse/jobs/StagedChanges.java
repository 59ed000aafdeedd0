package io.topicpulse.jobs;

import io.topicpulse.table.TableSpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a night staged against the published snapshot, as {@code SnapshotStore.publish} takes it: the tables it
 * rewrote whole, the partitions it replaced, the files it appended and the published files it dropped. Kept alike
 * by the night in Spark ({@link NightlyJob}) and the night without it ({@link LocalNight}).
 */
final class StagedChanges {

    private static final Logger LOG = LoggerFactory.getLogger(StagedChanges.class);

    final Set<String> whole = new TreeSet<>();
    final Map<String, Set<String>> partitions = new HashMap<>();
    final Map<String, Set<String>> appended = new HashMap<>();
    final Map<String, Set<String>> dropped = new HashMap<>();

    /** A published table's data files by partition ("" for its root); empty when it has none. */
    private final Function<TableSpec, Map<String, List<String>>> publishedFiles;

    StagedChanges(Function<TableSpec, Map<String, List<String>>> publishedFiles) {
        this.publishedFiles = publishedFiles;
    }

    /** Records what a staged table replaces: {@code replaced} partitions, or the whole table when null. */
    void staged(TableSpec table, Set<String> replaced) {
        if (replaced == null) {
            whole.add(table.name());
            partitions.remove(table.name());
        } else {
            partitions.computeIfAbsent(table.name(), k -> new TreeSet<>()).addAll(replaced);
            if (table.partitionBy() != null && !replaced.isEmpty()) {
                // The empty-table file at the root of a table that had no rows goes once partitions arrive.
                dropped.computeIfAbsent(table.name(), k -> new TreeSet<>()).addAll(rootFiles(table));
            }
        }
    }

    /** Records a file staged at an unpartitioned table's root beside the published ones, and those it rewrote. */
    void appended(TableSpec table, Set<String> rewritten) {
        staged(table, Set.of());
        appended.computeIfAbsent(table.name(), k -> new TreeSet<>()).add("");
        dropped.computeIfAbsent(table.name(), k -> new TreeSet<>()).addAll(rewritten);
    }

    /**
     * True when the published table has no data file left after tonight: none at all, or a partitioned table
     * whose every published partition tonight replaces (possibly by nothing).
     */
    boolean allPartitionsReplaced(TableSpec table) {
        Map<String, List<String>> files = publishedFiles.apply(table);
        if (files.isEmpty()) {
            return true;
        }
        Set<String> replaced = partitions.get(table.name());
        if (table.partitionBy() == null || replaced == null || whole.contains(table.name())) {
            return false;
        }
        return replaced.containsAll(files.keySet());
    }

    /** Data files at the root of the published table, outside any partition folder. */
    List<String> rootFiles(TableSpec table) {
        return publishedFiles.apply(table).getOrDefault("", List.of());
    }

    /**
     * The published files an append to an unpartitioned table rewrites: those holding rows tonight changes
     * ({@code affectedFiles}), and its small files when compaction is due; null when the table gets neither rows
     * ({@code hasRows}) nor a rewrite tonight, and is left as published.
     *
     * @param published the published table's folder
     */
    Append append(TableSpec table, Path published, Set<String> affectedFiles, boolean hasRows,
                  NightlyJob.Compaction compaction) {
        Set<String> rewritten = new TreeSet<>(affectedFiles);
        List<String> small = smallFiles(table, published, compaction.fileBytes());
        boolean compact = compaction.isDue(small);
        if (compact) {
            rewritten.addAll(small);
        }
        if (!hasRows && rewritten.isEmpty()) {
            return null;
        }
        if (compact) {
            LOG.info("compacted {}: {} small files rewritten into one tonight", table.name(), small.size());
        }
        return new Append(rewritten, compact);
    }

    /**
     * What an append writes besides tonight's rows.
     *
     * @param rewritten published files whose rows are written again with tonight's, and dropped
     * @param compacts  the small files are among them, and everything goes into one file
     */
    record Append(Set<String> rewritten, boolean compacts) {
    }

    /** Data files at the root of the published table (in folder {@code published}) smaller than {@code bytes}. */
    List<String> smallFiles(TableSpec table, Path published, long bytes) {
        List<String> small = new ArrayList<>();
        for (String name : rootFiles(table)) {
            try {
                if (Files.size(published.resolve(name)) < bytes) {
                    small.add(name);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + published.resolve(name), e);
            }
        }
        return small;
    }
}
