package io.topicpulse.table.store;

import java.nio.file.Path;

/**
 * A snapshot being written: invisible to readers until {@link SnapshotStore#publish published}.
 *
 * @param name  the name the snapshot will get, e.g. "s000008"
 * @param runId the run writing it
 * @param path  the staging folder, {@code OUTPUT/_snapshots/<name>.staging-<runId>}
 */
public record Staging(String name, String runId, Path path) {

    /** Where the job writes a table (or the partitions of it that it rewrites). */
    public Path tablePath(String table) {
        return path.resolve(SnapshotStore.checkTableName(table));
    }
}
