/**
 * Parquet tables published atomically as immutable snapshots, protected by a run lock.
 *
 * <h2>Layout</h2>
 * <pre>
 * OUTPUT/_lock                          held by the running job (RunLock)
 * OUTPUT/_snapshots/s000007/            a published snapshot, never changed afterwards
 *           _manifest.json              inputs processed, run id, versions
 *           articles/date=2024-11-30/part-...-s000007.parquet
 * OUTPUT/_snapshots/s000008.staging-RUN a run's work in progress, invisible to readers
 * OUTPUT/current -> _snapshots/s000007  the commit point: replaced by rename(2)
 * OUTPUT/articles -> current/articles   what readers open
 * OUTPUT/_CURRENT                       "s000007", for readers and file systems without symbolic links
 * </pre>
 *
 * <h2>A run</h2>
 * <pre>
 * try (RunLock lock = RunLock.acquire(output, "nightly " + runId)) {   // HeldException if another run is live
 *     SnapshotStore store = SnapshotStore.open(output);
 *     Optional&lt;Snapshot&gt; previous = store.current();                  // its manifest: inputs already done
 *     Staging staging = store.beginStaging(lock, runId);              // also removes what crashed runs left
 *     df.write().partitionBy("date").parquet(staging.tablePath("articles").toString());
 *     store.publish(lock, staging, manifest, Set.of("topic_daily"),  // tables rewritten whole
 *             Map.of("articles", Set.of("date=2024-11-30")));         // partitions rewritten; the rest carried over
 * }
 * </pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li>Crash safety (local and POSIX file systems): until the rename of {@code current} nothing readers can reach has
 * changed; after it the new snapshot is complete and fsynced. A kill at any point leaves the old or the new tables
 * (tested with SIGKILL at every step and at random moments); the next run takes over the dead run's lock and
 * deletes its leftovers.</li>
 * <li>Readers through {@code OUTPUT/<table>}: a path under a table never holds different bytes in two snapshots
 * (carried-over files are hard links with the same name, new files carry the snapshot name), so every file a
 * reader opens belongs to the version it listed, or the open fails with "file not found" when a switch happened
 * between listing and reading; a rerun of the query then succeeds. The reader never silently mixes file contents.
 * One limit remains: a reader whose directory listing straddles the switch can come back short without an error.
 * It can list the partition folders of the old snapshot and the files of the new one, and so miss a partition the
 * new snapshot added; and DuckDB, which lists a folder and then looks each entry up by path, skips a file it
 * listed in the old snapshot and looked up in the new one (once in about 12,000 reads under a publisher that never
 * pauses; a nightly schedule makes it far rarer still). Readers that need every row, strict isolation, or several
 * tables from the same snapshot, resolve the snapshot once: read {@code _CURRENT}
 * (or {@link io.topicpulse.table.store.Snapshot#tablePath}) and read below {@code _snapshots/<name>/}, e.g. in
 * DuckDB {@code SET VARIABLE snap = (SELECT trim(content) FROM read_text('OUTPUT/_CURRENT'))} then
 * {@code read_parquet('OUTPUT/_snapshots/' || getvariable('snap') || '/articles/&#42;/&#42;.parquet')}. Published
 * snapshots stay {@link io.topicpulse.table.store.SnapshotStore#DEFAULT_KEEP 3} runs long for such readers.</li>
 * <li>Spark ({@code spark.read().parquet("OUTPUT/articles")}), DuckDB and pyarrow read through the links: Hadoop's
 * local file system and the C libraries follow symbolic links.</li>
 * </ul>
 *
 * <h2>Other file systems</h2>
 * This implementation uses java.nio and targets local (or NFS-mounted POSIX) output folders. HDFS has atomic
 * rename of folders but symbolic links are disabled by default; object stores (S3, GCS) have neither atomic folder
 * rename nor links nor hard links. There the same layout works with {@code _CURRENT} as the commit point (a
 * single-object PUT is atomic; HDFS rename-with-overwrite is too), staging written in place as
 * {@code _snapshots/sN/} and made valid by writing its manifest last, and carried-over partitions copied instead of
 * linked; readers must resolve {@code _CURRENT}. That variant over Hadoop's FileSystem is not implemented yet; the
 * lock likewise needs an atomic create-if-absent (HDFS create without overwrite; S3 conditional PUT).
 */
package io.topicpulse.table.store;
