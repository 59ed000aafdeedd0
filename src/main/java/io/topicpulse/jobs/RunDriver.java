package io.topicpulse.jobs;

import io.topicpulse.ingest.InputFile;
import io.topicpulse.progress.ProgressListener;
import io.topicpulse.run.PendingRun;
import io.topicpulse.run.RunLock;
import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import io.topicpulse.topics.Lexicon;
import io.topicpulse.topics.TopicMatcher;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

/**
 * The one run driver of {@code run}, {@code nightly} and the single-stage commands: lock → plan → stages →
 * commits → run_stats. A full run is a plan that covers every input and replaces every table; a night is a plan
 * that covers the inputs the {@code inputs} table has not seen, and replaces only the days they change.
 *
 * <p>Delta commits table by table. A run's outcome is still well defined: every commit carries the run id and an
 * idempotent-write id, the plan is recorded ({@link PendingRun}) before the first commit, and {@code run_stats}
 * commits last, with the version of every table. A run killed between its commits is completed by the next run,
 * which repeats the plan with the same run id against the same table versions: Delta skips the commits that were
 * already in. A run counts as done when its run_stats row exists.
 */
public final class RunDriver {

    /** Process exit code when another run holds the output's lock. */
    public static final int EXIT_LOCKED = 3;
    /** Process exit code when the accounting of the input records does not add up. */
    public static final int EXIT_ACCOUNTING = 4;
    /** Process exit code when the tables were made by another extractor version and --reprocess was not given. */
    public static final int EXIT_REPROCESS_NEEDED = 5;
    /** An unpartitioned table is compacted (Delta OPTIMIZE) once it holds this many files. */
    static final int COMPACT_AT_FILES = 32;

    private static final Logger LOG = LoggerFactory.getLogger(RunDriver.class);
    /** Progress lines have a logger of their own, so --quiet can leave them out and keep the summary. */
    private static final Logger PROGRESS = LoggerFactory.getLogger("io.topicpulse.progress");
    private static final int PROGRESS_SECONDS = 10;
    /** The summary line has one too: --quiet keeps it. */
    private static final Logger SUMMARY = LoggerFactory.getLogger("io.topicpulse.summary");

    private RunDriver() {
    }

    /** What a finished run reports. */
    public record Outcome(String runId, Map<String, Object> stats) {
    }

    /** Thrown when input records and outputs do not add up: nothing is committed. */
    public static final class AccountingException extends IllegalStateException {
        public AccountingException(String message) {
            super(message);
        }
    }

    /** Thrown when the tables were extracted by another extractor version and the run was not asked to reprocess. */
    public static final class ReprocessNeededException extends IllegalStateException {
        public ReprocessNeededException(String message) {
            super(message);
        }
    }

    /**
     * What a run reads and the table versions it starts from: recorded before its first commit, so that an
     * interrupted run can be completed exactly.
     *
     * @param baseVersions   each table's version when the run planned (-1: not created yet)
     * @param toRead         the input files to extract
     * @param changed        files among them that were read before: their earlier rows leave
     * @param lexiconChanged the lexicon differs from the tables': mentions and every series are recomputed
     * @param previousMentions mentions.count summed as the last run recorded it, or -1 when unknown
     */
    public record RunPlan(String runId, String command, boolean incremental, Set<Stage> stages,
                          List<String> inputPaths, long ignoredFiles, Map<String, Long> skippedPaths,
                          List<InputFile> toRead, Set<String> changed,
                          Map<String, Long> baseVersions, String lexiconHash, int minTermCount,
                          double minDateConfidence, boolean lexiconChanged, long previousMentions,
                          String startedAt) {
        long base(TableSpec table) {
            return baseVersions.getOrDefault(table.name(), -1L);
        }
    }

    public static Outcome run(SparkSession spark, RunConfig config) throws IOException {
        PipelineConfig base = config.base();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        try (RunLock lock = RunLock.acquire(hadoop, base.output(), "topicpulse " + base.command() + " "
                + base.runId())) {
            DeltaTables tables = new DeltaTables(spark, base.output());
            @SuppressWarnings("unchecked")
            PendingRun<RunPlan> pending = new PendingRun<>(hadoop, base.output(), RunPlan.class);
            Optional<RunPlan> interrupted = pending.read();
            if (interrupted.isPresent()) {
                RunPlan plan = interrupted.get();
                LOG.warn("run {} ({}) stopped before its last commit: completing it first", plan.runId(),
                        plan.command());
                if (!plan.lexiconHash().equals(base.lexicon().contentHash())
                        || plan.minTermCount() != base.minTermCount()) {
                    throw new IllegalStateException("run " + plan.runId() + " stopped before its last commit, with "
                            + "lexicon " + plan.lexiconHash().substring(0, 12) + " and --min-term-count "
                            + plan.minTermCount() + "; run again with the same lexicon and --min-term-count to "
                            + "complete it");
                }
                // The plan keeps its own date floor: the interrupted run extracted with it.
                new Run(spark, tables, plan, base.lexicon(), pending, lock).execute();
            }
            RunPlan plan = plan(tables, config);
            Outcome outcome = new Run(spark, tables, plan, base.lexicon(), pending, lock).execute();
            maintain(spark, tables, config.retainHours(), COMPACT_AT_FILES, java.time.Clock.systemUTC());
            return outcome;
        }
    }

    /** Plans the run against the tables' current versions. */
    static RunPlan plan(DeltaTables tables, RunConfig config) {
        PipelineConfig base = config.base();
        Map<String, Long> versions = new TreeMap<>();
        for (TableSpec table : Tables.ALL) {
            versions.put(table.name(), tables.version(table).orElse(-1));
        }
        Row last = null;
        if (versions.get(Tables.RUN_STATS.name()) >= 0) {
            List<Row> rows = tables.read(Tables.RUN_STATS, versions.get(Tables.RUN_STATS.name()))
                    .orderBy(col("finished_at").desc()).limit(1).collectAsList();
            last = rows.isEmpty() ? null : rows.get(0);
        }
        Map<String, String> before = last == null ? Map.of()
                : scala.jdk.javaapi.CollectionConverters.asJava(last.<String, String>getMap(last.fieldIndex("versions")));
        long previousMentions = last == null ? -1 : last.getLong(last.fieldIndex("mentions"));
        boolean lexiconChanged = false;
        List<InputFile> toRead = base.stages().contains(Stage.EXTRACT) ? base.inputFiles() : List.of();
        Set<String> changed = Set.of();
        if (config.incremental()) {
            Optional<String> rebuild = last == null ? Optional.empty() : Versions.rebuildNeeded(before);
            if (rebuild.isPresent() && !config.reprocess()) {
                throw new ReprocessNeededException(base.output() + " was " + rebuild.get() + "; run nightly with "
                        + "--reprocess to extract every input file again");
            }
            lexiconChanged = last != null && !base.lexicon().contentHash().equals(before.get("lexicon_hash"));
            List<NightlyPlan.ProcessedFile> processed = new ArrayList<>();
            long inputsVersion = versions.get(Tables.INPUTS.name());
            if (inputsVersion >= 0) {
                for (Row r : tables.read(Tables.INPUTS, inputsVersion).select("uri", "size", "modification_time")
                        .collectAsList()) {
                    processed.add(new NightlyPlan.ProcessedFile(r.getString(0), r.getLong(1),
                            r.getTimestamp(2).getTime()));
                }
            }
            NightlyPlan night = NightlyPlan.of(processed, base.inputFiles(), config.since(), config.until(),
                    config.reprocess());
            toRead = night.toRead();
            changed = night.changed();
            LOG.info("nightly {}: {} files to read ({} changed), {} unchanged{}", base.runId(), toRead.size(),
                    changed.size(), night.unchanged().size(),
                    lexiconChanged ? ", lexicon changed: mentions and series recomputed" : "");
        }
        return new RunPlan(base.runId(), base.command(), config.incremental(), base.stages(), base.inputPaths(),
                base.ignoredFiles().size(), base.skippedPaths(), toRead, changed, versions, base.lexicon().contentHash(),
                base.minTermCount(), base.minDateConfidence(), lexiconChanged, previousMentions,
                Instant.now().toString());
    }

    /** One plan carried out: its stages and commits. */
    private static final class Run {
        private final SparkSession spark;
        private final DeltaTables tables;
        private final RunPlan plan;
        private final Lexicon lexicon;
        private final PendingRun<RunPlan> pending;
        private final RunLock lock;
        private final Map<String, Double> seconds = new LinkedHashMap<>();

        Run(SparkSession spark, DeltaTables tables, RunPlan plan, Lexicon lexicon, PendingRun<RunPlan> pending,
            RunLock lock) {
            this.spark = spark;
            this.tables = tables;
            this.plan = plan;
            this.lexicon = lexicon;
            this.pending = pending;
            this.lock = lock;
        }

        Outcome execute() throws IOException {
            try (ProgressListener progress = ProgressListener.register(spark.sparkContext(),
                    line -> PROGRESS.info(line), PROGRESS_SECONDS)) {
                return execute(progress);
            }
        }

        private Outcome execute(ProgressListener progress) throws IOException {
            Counts counts = Counts.NONE;
            Set<LocalDate> changedDays = new TreeSet<>();
            long mentionCount;
            if (!plan.toRead().isEmpty()) {
                long t = System.nanoTime();
                StoredArticles stored = plan.incremental() ? new StoredArticles(spark, before(Tables.ARTICLES),
                        before(Tables.ARTICLES_UNDATED), plan.changed()) : null;
                progress.startStage("extract", plan.toRead().stream().mapToLong(InputFile::size).sum());
                ExtractStage.Result r = timed("extract", () -> ExtractStage.run(spark, plan.toRead(), plan.runId(),
                        stored, plan.minDateConfidence(), progress));
                counts = Counts.of(r);
                if (!counts.accountingOk()) {
                    throw new AccountingException(plan.command() + " " + plan.runId() + ": " + counts.inputRecords()
                            + " input records but " + counts.dated() + " + " + counts.undated() + " articles and "
                            + counts.rejects() + " rejects; nothing was committed");
                }
                beginCommits();
                if (plan.incremental()) {
                    mergeArticles(r, stored, changedDays);
                } else {
                    commit(Tables.ARTICLES, r.articles(), null);
                    commit(Tables.ARTICLES_UNDATED, r.undated(), null);
                    commit(Tables.REJECTS, r.rejects(), null);
                    commit(Tables.INPUTS, inputRows(r), null);
                }
                seconds.put("extract", secondsSince(t));
                progress.endStage();
                spark.sqlContext().clearCache();
            } else {
                beginCommits();
            }
            boolean everything = !plan.incremental() || plan.lexiconChanged();
            if (plan.stages().contains(Stage.TOPICS) && everything) {
                long t = System.nanoTime();
                progress.startStage("topics", 0);
                commit(Tables.MENTIONS, TopicsStage.mentions(spark, published(Tables.ARTICLES), matcher()), null);
                seconds.put("topics", secondsSince(t));
                progress.endStage();
            }
            if (plan.stages().contains(Stage.AGGREGATE)) {
                long t = System.nanoTime();
                progress.startStage("aggregate", 0);
                if (everything) {
                    AggregateStage.Result r = AggregateStage.run(published(Tables.ARTICLES),
                            published(Tables.MENTIONS), topics(), plan.lexiconHash(), plan.minTermCount());
                    for (Map.Entry<TableSpec, Dataset<Row>> e : r.tables().entrySet()) {
                        commit(e.getKey(), e.getValue(), null);
                    }
                } else if (!changedDays.isEmpty()) {
                    recomputeDays(changedDays);
                }
                spark.sqlContext().clearCache();
                seconds.put("aggregate", secondsSince(t));
                progress.endStage();
            }
            createMissingTables();
            mentionCount = timed("mention total", () -> mentionTotal(changedDays, everything));
            return finish(counts, changedDays, mentionCount);
        }

        /** Records the plan: from here on, a run that stops is completed by the next. */
        private void beginCommits() throws IOException {
            lock.verifyHeld();
            pending.write(plan);
        }

        /**
         * Tonight's articles merged into the stored ones: the changed days' partitions of articles and mentions
         * replaced, undated articles, rejects and inputs appended (or rewritten when stored rows leave them).
         */
        private void mergeArticles(ExtractStage.Result r, StoredArticles stored, Set<LocalDate> changedDays) {
            Dataset<Row> gone = stored.leaving().select("doc_id", "published_date")
                    .unionByName(r.earlier().displaced().select("doc_id", "published_date"));
            Dataset<Row> reclustered = r.earlier().reclustered().select(col("doc_id"),
                    col("cluster_id").as("new_cluster"), col("published_date"));
            changedDays.addAll(r.days());
            boolean undatedTouched = false;
            for (Row row : gone.select("published_date").unionByName(reclustered.select("published_date"))
                    .distinct().collectAsList()) {
                if (row.isNullAt(0)) {
                    undatedTouched = true;
                } else {
                    changedDays.add(row.getDate(0).toLocalDate());
                }
            }
            if (!changedDays.isEmpty()) {
                Dataset<Row> staying = refresh(before(Tables.ARTICLES).filter(IncrementalSeries.in("date",
                        changedDays)), gone, reclustered);
                commit(Tables.ARTICLES, staying.unionByName(r.articles()), DeltaTables.daysIn("date", changedDays));
            }
            if (undatedTouched) {
                commit(Tables.ARTICLES_UNDATED, refresh(before(Tables.ARTICLES_UNDATED), gone, reclustered)
                        .unionByName(r.undated()), null);
            } else if (r.articlesUndated() > 0) {
                append(Tables.ARTICLES_UNDATED, r.undated());
            }
            Column fromChangedFile = col("source").isin(plan.changed().toArray());
            if (!plan.changed().isEmpty()) {
                commit(Tables.REJECTS, before(Tables.REJECTS).filter(not(fromChangedFile)).unionByName(r.rejects()),
                        null);
                commit(Tables.INPUTS, before(Tables.INPUTS).filter(not(col("uri").isin(plan.changed().toArray())))
                        .unionByName(inputRows(r)), null);
            } else {
                append(Tables.REJECTS, r.rejects());
                append(Tables.INPUTS, inputRows(r));
            }
            if (!plan.lexiconChanged() && !changedDays.isEmpty() && plan.stages().contains(Stage.TOPICS)) {
                commit(Tables.MENTIONS, TopicsStage.mentions(spark, published(Tables.ARTICLES)
                                .filter(IncrementalSeries.in("date", changedDays)), matcher()),
                        DeltaTables.daysIn("date", changedDays));
            }
        }

        /** The series rows the changed days can affect, and term_daily of those days. */
        private void recomputeDays(Set<LocalDate> changedDays) {
            Map<TableSpec, Dataset<Row>> previous = new LinkedHashMap<>();
            for (TableSpec table : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY, Tables.TOPIC_WEEKLY,
                    Tables.TOPIC_MONTHLY)) {
                previous.put(table, before(table));
            }
            Dataset<Row> articles = published(Tables.ARTICLES);
            IncrementalSeries.Result r = IncrementalSeries.recompute(articles, published(Tables.MENTIONS), previous,
                    changedDays, topics(), plan.lexiconHash());
            for (Map.Entry<TableSpec, Dataset<Row>> e : r.tables().entrySet()) {
                commit(e.getKey(), e.getValue(), r.replaced().get(e.getKey()));
            }
            commit(Tables.TERM_DAILY, IncrementalSeries.termDaily(articles, changedDays, plan.minTermCount()),
                    DeltaTables.daysIn("date", changedDays));
        }

        /** Every table exists after any run, empty until it has rows. */
        private void createMissingTables() {
            for (TableSpec table : Tables.ALL) {
                if (table != Tables.RUN_STATS && !tables.exists(table)) {
                    commit(table, spark.createDataFrame(List.of(), table.sparkSchema()), null);
                }
            }
        }

        /**
         * The sum of mentions.count: the last run's total with the replaced days' counts swapped, so a night does
         * not sum the whole table.
         */
        private long mentionTotal(Set<LocalDate> changedDays, boolean everything) {
            if (everything || plan.previousMentions() < 0) {
                return countSum(published(Tables.MENTIONS));
            }
            if (changedDays.isEmpty()) {
                return plan.previousMentions();
            }
            Column inChanged = IncrementalSeries.in("date", changedDays);
            return plan.previousMentions() + countSum(published(Tables.MENTIONS).filter(inChanged))
                    - countSum(before(Tables.MENTIONS).filter(inChanged));
        }

        /** Commits run_stats, the run's last commit, and logs the summary. */
        private Outcome finish(Counts c, Set<LocalDate> changedDays, long mentionCount) throws IOException {
            Instant finished = Instant.now();
            Map<String, Long> versions = new TreeMap<>();
            for (TableSpec table : Tables.ALL) {
                versions.put(table.name(), table == Tables.RUN_STATS
                        ? tables.version(table).orElse(-1) + 1 : tables.version(table).orElse(-1));
            }
            Map<String, String> software = softwareVersions(spark.version(), lexicon);
            software.put("min_date_confidence", String.valueOf(plan.minDateConfidence()));
            Row row = RowFactory.create(plan.runId(), plan.command(), Timestamp.from(Instant.parse(plan.startedAt())),
                    Timestamp.from(finished), seq(plan.inputPaths()), (long) plan.toRead().size(),
                    plan.ignoredFiles(), scalaMap(plan.skippedPaths()), c.inputRecords(), c.dated() + c.undated(), c.dated(), c.undated(),
                    c.rejects(), scalaMap(c.rejectsByReason()), scalaMap(c.skipped()), scalaMap(c.warnings()),
                    mentionCount, scalaMap(seconds), scalaMap(software), c.accountingOk(), scalaMap(versions));
            lock.verifyHeld();
            append(Tables.RUN_STATS, spark.createDataFrame(List.of(row), Tables.RUN_STATS.sparkSchema()));
            pending.clear();
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("input_files", plan.toRead().size());
            if (!plan.skippedPaths().isEmpty()) {
                stats.put("skipped_paths", plan.skippedPaths());
            }
            if (plan.incremental()) {
                stats.put("changed_files", plan.changed().size());
            }
            stats.put("input_records", c.inputRecords());
            stats.put("articles_dated", c.dated());
            stats.put("articles_undated", c.undated());
            stats.put("rejects", c.rejectsByReason());
            stats.put("skipped_records", c.skipped());
            stats.put("read_warnings", c.warnings());
            if (plan.incremental()) {
                stats.put("changed_days", changedDays.size());
                stats.put("lexicon_changed", plan.lexiconChanged());
            }
            stats.put("mentions", mentionCount);
            stats.put("stage_seconds", seconds);
            SUMMARY.info("run {} ({}) summary: {}", plan.runId(), plan.command(), stats.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            return new Outcome(plan.runId(), stats);
        }

        /** The inputs table's rows for the files read. */
        private Dataset<Row> inputRows(ExtractStage.Result r) {
            List<Row> rows = new ArrayList<>();
            for (InputFile f : plan.toRead()) {
                rows.add(RowFactory.create(f.uri(), f.size(), new Timestamp(f.modificationTime()),
                        r.recordsBySource().getOrDefault(f.uri(), 0L), plan.runId()));
            }
            return spark.createDataFrame(rows, Tables.INPUTS.sparkSchema());
        }

        /**
         * Writes a table's rows as one commit: replacing the rows {@code replaceWhere} selects, or the whole table
         * when it is null.
         */
        private void commit(TableSpec table, Dataset<Row> rows, String replaceWhere) {
            timed("write " + table.name(), () -> {
                DeltaTables.Commit commit = new DeltaTables.Commit(plan.runId(), 0);
                if (replaceWhere == null) {
                    tables.overwrite(table, rows, commit);
                } else {
                    tables.replaceWhere(table, rows, replaceWhere, commit);
                }
                return null;
            });
        }

        private void append(TableSpec table, Dataset<Row> rows) {
            timed("write " + table.name(), () -> {
                tables.append(table, rows, new DeltaTables.Commit(plan.runId(), 0));
                return null;
            });
        }

        /** The table as it was when the run planned. */
        private Dataset<Row> before(TableSpec table) {
            return tables.read(table, plan.base(table));
        }

        /** The table as this run's commits left it (the stages after extraction read it). */
        private Dataset<Row> published(TableSpec table) {
            if (!tables.exists(table)) {
                throw new IllegalStateException(plan.command() + ": " + tables.path(table) + " does not exist yet; "
                        + "run `topicpulse run` (or `extract`) first");
            }
            return tables.read(table);
        }

        private TopicMatcher matcher() {
            return new TopicMatcher(lexicon);
        }

        private List<String> topics() {
            return lexicon.topics().stream().map(Lexicon.Topic::name).toList();
        }

        /** Runs a step and logs its time, naming its Spark jobs in the UI and in listeners. */
        private <T> T timed(String step, Supplier<T> work) {
            long t = System.nanoTime();
            spark.sparkContext().setJobDescription(plan.command() + ": " + step);
            try {
                return work.get();
            } finally {
                spark.sparkContext().setJobDescription(null);
                LOG.info("{} in {} s", step, secondsSince(t));
            }
        }
    }

    /** The tables a run appends to: the only ones whose files pile up (the others are replaced by day). */
    static final List<TableSpec> APPENDED = List.of(Tables.ARTICLES_UNDATED, Tables.REJECTS, Tables.INPUTS,
            Tables.RUN_STATS);

    /**
     * After a successful run: compacts an appended table once it holds {@code compactAt} files (Delta OPTIMIZE), and
     * deletes the files no version younger than {@code retainHours} uses (Delta VACUUM). VACUUM lists every file of
     * every table and costs seconds a table even when there is nothing to delete, so it runs when the last one is at
     * least a day old (or {@code retainHours}, when shorter; every run with 0): a nightly schedule vacuums every
     * night, a burst of runs pays once. A new output's first VACUUM is a day after its first run.
     */
    static void maintain(SparkSession spark, DeltaTables tables, double retainHours, int compactAt,
                         java.time.Clock clock) throws IOException {
        for (TableSpec table : APPENDED) {
            if (tables.fileCount(table) >= compactAt) {
                LOG.info("compacting {}", table.name());
                tables.optimize(table);
            }
        }
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path marker = new org.apache.hadoop.fs.Path(tables.root(), "_topicpulse/last-vacuum");
        org.apache.hadoop.fs.FileSystem fs = marker.getFileSystem(hadoop);
        Instant now = clock.instant();
        long everyMillis = (long) (Math.min(retainHours, 24) * 3_600_000);
        if (!fs.exists(marker) && retainHours > 0) {
            // A new output has nothing old enough to delete: its first VACUUM is a day away.
            touch(fs, marker, now);
            return;
        }
        if (fs.exists(marker) && fs.getFileStatus(marker).getModificationTime() + everyMillis > now.toEpochMilli()) {
            return;
        }
        // Delta refuses a retention under its default unless told the caller means it (--retain-hours).
        spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled",
                String.valueOf(retainHours >= RunConfig.DEFAULT_RETAIN_HOURS));
        long t = System.nanoTime();
        for (TableSpec table : Tables.ALL) {
            tables.vacuum(table, retainHours);
        }
        touch(fs, marker, now);
        LOG.info("vacuum (retain {} h) in {} s", retainHours, secondsSince(t));
    }

    private static void touch(org.apache.hadoop.fs.FileSystem fs, org.apache.hadoop.fs.Path marker, Instant now)
            throws IOException {
        try (org.apache.hadoop.fs.FSDataOutputStream out = fs.create(marker, true)) {
            out.write(now.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Rows without the articles that left, with the new cluster ids of those whose cluster changed. */
    private static Dataset<Row> refresh(Dataset<Row> rows, Dataset<Row> gone, Dataset<Row> reclustered) {
        return rows.join(gone.select("doc_id"), new String[] {"doc_id"}, "left_anti")
                .join(reclustered.select("doc_id", "new_cluster"), new String[] {"doc_id"}, "left")
                .withColumn("cluster_id", coalesce(col("new_cluster"), col("cluster_id")))
                .drop("new_cluster");
    }

    private static long countSum(Dataset<Row> mentions) {
        Row total = mentions.agg(sum(col("count").cast("long"))).first();
        return total.isNullAt(0) ? 0 : total.getLong(0);
    }

    /** What a run's records came to, for its run_stats row, its log and its outcome. */
    record Counts(long inputRecords, long dated, long undated, Map<String, Long> rejectsByReason,
                  Map<String, Long> skipped, Map<String, Long> warnings, boolean accountingOk) {
        /** A run that read nothing. */
        static final Counts NONE = new Counts(0, 0, 0, Map.of(), Map.of(), Map.of(), true);

        static Counts of(ExtractStage.Result r) {
            return new Counts(r.inputRecords(), r.articlesDated(), r.articlesUndated(), r.rejectsByReason(),
                    r.skippedRecords(), r.readWarnings(), r.accountingOk());
        }

        long rejects() {
            return rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The versions a run records. */
    static Map<String, String> softwareVersions(String sparkVersion, Lexicon lexicon) {
        Map<String, String> v = new TreeMap<>();
        v.put("topicpulse", Versions.TOPICPULSE);
        v.put("extractor", Versions.EXTRACTOR);
        v.put("minhash", Versions.MINHASH);
        v.put("spark", sparkVersion);
        String delta = io.delta.tables.DeltaTable.class.getPackage().getImplementationVersion();
        if (delta != null) {
            v.put("delta", delta);
        }
        v.put("java", System.getProperty("java.version"));
        v.put("lexicon_hash", lexicon.contentHash());
        if (lexicon.version() != null) {
            v.put("lexicon_version", lexicon.version());
        }
        v.put("lexicon_source", String.valueOf(lexicon.source()));
        return v;
    }

    static double secondsSince(long nanoStart) {
        return Math.round((System.nanoTime() - nanoStart) / 1e6) / 1e3;
    }

    static scala.collection.immutable.Seq<String> seq(List<String> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
    }

    static <V> scala.collection.immutable.Map<String, V> scalaMap(Map<String, V> map) {
        return scala.collection.immutable.Map.from(scala.jdk.javaapi.CollectionConverters.asScala(map));
    }
}
