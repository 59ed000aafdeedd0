package io.topicpulse.table.store;

import java.nio.file.Path;

/**
 * A published, immutable set of tables.
 *
 * @param name     e.g. "s000007"; names sort in publication order
 * @param path     the snapshot folder, {@code OUTPUT/_snapshots/<name>}
 * @param manifest what it was made from
 */
public record Snapshot(String name, Path path, Manifest manifest) {

    /** The folder of one table in this snapshot; reading it gives exactly this snapshot, whatever is published later. */
    public Path tablePath(String table) {
        return path.resolve(SnapshotStore.checkTableName(table));
    }
}
