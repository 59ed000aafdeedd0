package io.topicpulse.jobs;

import io.topicpulse.aggregate.TermTotals;
import io.topicpulse.ingest.InputFile;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import io.topicpulse.table.store.Manifest;
import io.topicpulse.table.store.RunLock;
import io.topicpulse.table.store.Snapshot;
import io.topicpulse.table.store.SnapshotStore;
import io.topicpulse.table.store.Staging;
import io.topicpulse.topics.Lexicon;
import io.topicpulse.topics.TopicMatcher;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

/**
 * The nightly incremental run: extracts only the input files the current snapshot has not seen (or that changed
 * since), merges their articles into the tables, and recomputes mentions and series only where they can change;
 * published as one snapshot like every run.
 *
 * <p>What a night rewrites: the {@code articles} and {@code mentions} partitions of the <em>changed days</em> (days
 * of tonight's articles, of articles dropped because their file changed or a newer fetch of their URL arrived, and
 * of articles whose near-duplicate cluster changed); the daily series partitions {@link SeriesDates#rewritten}
 * from them; term_daily of the changed days; weekly and monthly rows of their weeks and months. Tonight's rows
 * of the unpartitioned articles_undated, rejects and run_stats tables are appended as new files, and only their
 * earlier files holding a row that leaves or changes are rewritten. A lexicon whose hash differs from the
 * snapshot's recomputes mentions and every series from the articles without extracting again.
 *
 * <p>What a night reads: tonight's input files; a few narrow columns of the stored articles (doc_id, source,
 * cluster_id, minhash) to find the ones tonight's compete or cluster with, and the full rows of those only; the
 * articles of the changed days and of their weeks and months; the stored daily series rows around the changed
 * days. Its cost follows tonight's input, not the corpus, except for the narrow scans.
 */
public final class NightlyJob {

    /** Process exit code when another run holds the output's lock. */
    public static final int EXIT_LOCKED = 3;
    /** Process exit code when the accounting of tonight's records does not add up. */
    public static final int EXIT_ACCOUNTING = 4;
    /** Process exit code when the tables were made by another extractor version and --reprocess was not given. */
    public static final int EXIT_REPROCESS_NEEDED = 5;

    /**
     * When a night rewrites the small files of an append-only table (articles_undated, rejects, run_stats) into
     * one: readers open every file, and a year of nights, a file or so each, would make hundreds.
     *
     * @param atFiles   the small files the table would hold with tonight's, at which they are rewritten
     * @param fileBytes a file at least this large is not small: it neither counts nor is rewritten, so a table
     *                  too big for one file is not rewritten every night
     */
    record Compaction(int atFiles, long fileBytes) {
        static final Compaction DEFAULT = new Compaction(32, 64L << 20);

        /** True when tonight's file would bring the table's {@code smallFiles} to {@link #atFiles}. */
        boolean isDue(List<String> smallFiles) {
            return smallFiles.size() + 1 >= atFiles;
        }
    }

    /** Manifest property: the sum of mentions.count in the snapshot. */
    static final String MENTIONS_PROPERTY = "mentions";

    private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

    private NightlyJob() {
    }

    /**
     * A nightly run's settings.
     *
     * @param base      the pipeline settings; its input files are every file listed under the input root
     * @param since     first day of input files to consider ({@link NightlyPlan#fileDay}), or null
     * @param until     last day, or null
     * @param reprocess extract again every selected file already processed
     */
    public record Config(PipelineConfig base, LocalDate since, LocalDate until, boolean reprocess) {
        public Config {
            if (base == null) {
                throw new IllegalArgumentException("base must not be null");
            }
            if (since != null && until != null && since.isAfter(until)) {
                throw new IllegalArgumentException("--since " + since + " is after --until " + until);
            }
        }
    }

    /** Thrown when the tables were extracted by another extractor version and the run was not asked to reprocess. */
    public static final class ReprocessNeededException extends IllegalStateException {
        public ReprocessNeededException(String message) {
            super(message);
        }
    }

    /**
     * Runs the night; a small local one runs without Spark ({@link LocalNight}), though a session is at hand.
     */
    public static PipelineJob.Outcome run(SparkSession spark, Config nightly) throws IOException {
        return run(spark, nightly, Compaction.DEFAULT, null);
    }

    /**
     * {@link #run(SparkSession, Config)} taking the read {@link #startReading} began (null: none), used when it read
     * the files this night reads.
     */
    public static PipelineJob.Outcome run(SparkSession spark, Config nightly, EarlyRead early) throws IOException {
        return run(spark, nightly, Compaction.DEFAULT, early);
    }

    /**
     * Runs the night in Spark: for a caller that tried {@link #withoutSpark} first.
     *
     * @param early the read {@link #startReading} began, or null: used when it read the files this night reads
     */
    public static PipelineJob.Outcome runInSpark(SparkSession spark, Config nightly, EarlyRead early)
            throws IOException {
        return run(spark, nightly, Compaction.DEFAULT, early, false);
    }

    /**
     * Runs a small local night without starting Spark ({@link LocalNight}) when it is one that can.
     *
     * @param master the --master given, or null
     * @param conf   the settings Spark would start with
     * @param early  the read {@link #startReading} began, or null
     */
    public static Attempt withoutSpark(Config nightly, String master, SparkConf conf, EarlyRead early)
            throws IOException {
        return LocalNight.run(nightly, master, conf, early);
    }

    /**
     * What {@link #withoutSpark} did.
     *
     * @param outcome the night's outcome when it ran without Spark, else null: it is to run in Spark
     * @param read    for a night to run in Spark, the read to give {@link #runInSpark} (null: none)
     */
    public record Attempt(PipelineJob.Outcome outcome, EarlyRead read) {
    }

    /** Tonight's input files, read on the driver's threads while Spark starts ({@link #startReading}). */
    public static final class EarlyRead {
        private final DriverRead read;

        private EarlyRead(DriverRead read) {
            this.read = read;
        }

        /** A read begun elsewhere ({@link LocalNight}), handed to a night that runs in Spark after all. */
        static EarlyRead of(DriverRead read) {
            return new EarlyRead(read);
        }

        DriverRead read() {
            return read;
        }

        /** True once a night has taken the rows read. */
        boolean taken() {
            return read.taken();
        }

        /** Stops the read soon, its rows unused: for a caller whose night did not take it. */
        public void abandon() {
            read.abandon();
        }
    }

    /**
     * Starts reading tonight's files on the driver's threads, before Spark is up, when the night will read them
     * there (a local master, files within {@code spark.topicpulse.nightly.driver-extract-bytes}): reading and
     * extracting need no Spark, and Spark's start-up leaves a core idle. The files are those the tables' current
     * manifest has not seen; the night takes the read only if, under its lock, it plans the very same files. Null
     * when there is nothing to start.
     *
     * @param conf the settings Spark will start with (its {@code spark.*} system properties)
     */
    public static EarlyRead startReading(Config nightly, String master, SparkConf conf) throws IOException {
        PipelineConfig config = nightly.base();
        String resolvedMaster = SparkSessions.masterOf(conf, master);
        long limit = JobSettings.wholeNumber(conf, ExtractStage.DRIVER_EXTRACT_BYTES,
                ExtractStage.DEFAULT_DRIVER_EXTRACT_BYTES);
        int cores = OnDriver.localCores(resolvedMaster, conf);
        if (cores < 1 || limit < 0) {
            return null;
        }
        Optional<Snapshot> current = SnapshotStore.open(config.output()).current();
        List<InputFile> files = NightlyPlan.of(current.map(s -> s.manifest().inputs()).orElse(List.of()),
                config.inputFiles(), nightly.since(), nightly.until(), nightly.reprocess()).toRead();
        if (files.isEmpty() || !ExtractStage.readsOnDriver(files, limit, true)) {
            return null;
        }
        boolean striped = JobSettings.flag(conf, ExtractStage.STRIPES, true);
        Configuration hadoop = SparkSessions.hadoopConfiguration(conf);
        return new EarlyRead(DriverRead.start(files, cores, striped, hadoop, config.minDateConfidence()));
    }

    /**
     * @param compaction when the append-only tables' small files are rewritten into one
     */
    static PipelineJob.Outcome run(SparkSession spark, Config nightly, Compaction compaction, EarlyRead early)
            throws IOException {
        return run(spark, nightly, compaction, early, true);
    }

    private static PipelineJob.Outcome run(SparkSession spark, Config nightly, Compaction compaction, EarlyRead early,
                                           boolean withoutSparkFirst) throws IOException {
        if (withoutSparkFirst) {
            SparkConf conf = spark.sparkContext().getConf().clone();
            spark.conf().getAll().foreach(e -> conf.set(e._1(), e._2()));
            Attempt attempt = LocalNight.run(nightly, spark.sparkContext().master(), conf, early, compaction);
            if (attempt.outcome() != null) {
                return attempt.outcome();
            }
            early = attempt.read();
        }
        PipelineConfig config = nightly.base();
        Instant started = Instant.now();
        SnapshotStore store = SnapshotStore.open(config.output());
        try (RunLock lock = RunLock.acquire(config.output(), "topicpulse nightly " + config.runId())) {
            Optional<Snapshot> previous = store.current();
            Map<String, String> versions = PipelineJob.versions(spark, config.lexicon());
            Map<String, String> before = previous.map(s -> s.manifest().versions()).orElse(Map.of());
            if (previous.isPresent() && !PipelineJob.EXTRACTOR_VERSION.equals(before.get("extractor"))
                    && !nightly.reprocess()) {
                throw new ReprocessNeededException(config.output() + " was extracted by extractor version "
                        + before.get("extractor") + ", this is version " + PipelineJob.EXTRACTOR_VERSION
                        + "; run nightly with --reprocess to extract every input file again");
            }
            boolean lexiconChanged = previous.isPresent()
                    && !config.lexicon().contentHash().equals(before.get("lexicon_hash"));
            NightlyPlan plan = NightlyPlan.of(previous.map(s -> s.manifest().inputs()).orElse(List.of()),
                    config.inputFiles(), nightly.since(), nightly.until(), nightly.reprocess());
            LOG.info("nightly {}: {} files to read ({} changed), {} unchanged{}", config.runId(),
                    plan.toRead().size(), plan.changed().size(), plan.unchanged().size(),
                    lexiconChanged ? ", lexicon changed: mentions and series recomputed" : "");

            Staging staging = store.beginStaging(lock, config.runId());
            Tonight night = new Tonight(spark, config, previous, staging, compaction, lexiconChanged);
            Map<String, Double> seconds = new LinkedHashMap<>();
            ExtractStage.Result extracted = null;
            Set<LocalDate> changedDays = new TreeSet<>();
            if (!plan.nothingToRead()) {
                long t = System.nanoTime();
                extracted = night.extractAndMerge(plan, changedDays, early == null ? null : early.read);
                seconds.put("extract", PipelineJob.secondsSince(t));
            } else if (early != null) {
                early.abandon(); // another run read those files since
            }
            long t = System.nanoTime();
            if (lexiconChanged) {
                night.recomputeAll();
            } else if (!changedDays.isEmpty() && !night.seriesStaged) {
                night.recomputeDays(changedDays);
            }
            seconds.put("aggregate", PipelineJob.secondsSince(t));

            night.createMissingTables();
            long mentionCount = timed(spark, "mention total", night::mentionTotal);
            Instant finished = Instant.now();
            Counts counts = extracted == null ? Counts.NONE : new Counts(extracted.inputRecords(),
                    extracted.articlesDated(), extracted.articlesUndated(), extracted.rejectsByReason(),
                    extracted.skippedRecords(), extracted.readWarnings(),
                    extracted.earlier() == null ? 0 : extracted.earlier().displacedCount(), extracted.accountingOk());
            Row statsRow = statsRow(config, plan, started, finished, counts, mentionCount, seconds, versions);
            // The run history grows by one file a night; earlier rows are carried over.
            night.append(Tables.RUN_STATS, spark.createDataFrame(List.of(statsRow), Tables.RUN_STATS.sparkSchema()),
                    true, null, null);
            return publish(config, store, lock, staging, plan, counts, changedDays, lexiconChanged, mentionCount,
                    seconds, versions, finished, night.changes);
        }
    }

    /** Stored rows of a table with a doc_id and a cluster_id, without those that left, with new clusters. */
    static List<Row> refreshed(List<Row> rows, TableSpec table, Set<String> goneIds,
                                       Map<String, String> newClusters) {
        int docId = table.sparkSchema().fieldIndex("doc_id");
        int clusterId = table.sparkSchema().fieldIndex("cluster_id");
        List<Row> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            String doc = row.getString(docId);
            if (goneIds.contains(doc)) {
                continue;
            }
            String cluster = newClusters.get(doc);
            if (cluster == null) {
                out.add(row);
            } else {
                Object[] values = new Object[row.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = i == clusterId ? cluster : row.get(i);
                }
                out.add(RowFactory.create(values));
            }
        }
        return out;
    }

    /** The named columns of a table's rows, in that order. */
    static List<Row> columns(List<Row> rows, TableSpec table, String... names) {
        int[] at = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            at[i] = table.sparkSchema().fieldIndex(names[i]);
        }
        List<Row> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Object[] values = new Object[at.length];
            for (int i = 0; i < at.length; i++) {
                values[i] = row.get(at[i]);
            }
            out.add(RowFactory.create(values));
        }
        return out;
    }

    /** The sum of mentions.count over the rows. */
    static long countSum(List<Row> mentionRows) {
        int count = Tables.MENTIONS.sparkSchema().fieldIndex("count");
        long sum = 0;
        for (Row row : mentionRows) {
            sum += ((Number) row.get(count)).longValue();
        }
        return sum;
    }

    /** What a night's records came to, for its run_stats row, its log and its outcome. */
    record Counts(long inputRecords, long dated, long undated, Map<String, Long> rejectsByReason,
                  Map<String, Long> skipped, Map<String, Long> warnings, long displaced, boolean accountingOk) {
        /** A night with nothing to read. */
        static final Counts NONE = new Counts(0, 0, 0, Map.of(), Map.of(), Map.of(), 0, true);

        long rejects() {
            return rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The night's run_stats row. */
    static Row statsRow(PipelineConfig config, NightlyPlan plan, Instant started, Instant finished, Counts c,
                        long mentionCount, Map<String, Double> seconds, Map<String, String> versions) {
        return RowFactory.create(config.runId(), config.command(), Timestamp.from(started),
                Timestamp.from(finished), PipelineJob.seq(config.inputPaths()), (long) plan.toRead().size(),
                (long) config.ignoredFiles().size(), c.inputRecords(), c.dated() + c.undated(), c.dated(),
                c.undated(), c.rejects(), PipelineJob.scalaMap(c.rejectsByReason()), PipelineJob.scalaMap(c.skipped()),
                PipelineJob.scalaMap(c.warnings()), mentionCount, PipelineJob.scalaMap(seconds),
                PipelineJob.scalaMap(versions), c.accountingOk());
    }

    /**
     * Logs the night's summary and publishes what it staged as one snapshot; publishes nothing and throws when its
     * accounting does not add up.
     */
    static PipelineJob.Outcome publish(PipelineConfig config, SnapshotStore store, RunLock lock, Staging staging,
                                       NightlyPlan plan, Counts c, Set<LocalDate> changedDays,
                                       boolean lexiconChanged, long mentionCount, Map<String, Double> seconds,
                                       Map<String, String> versions, Instant finished, StagedChanges changes)
            throws IOException {
        LOG.info("nightly {} summary: files={} changed_files={} input_records={} articles_dated={} "
                        + "articles_undated={} rejects={} displaced={} changed_days={} lexicon_changed={} "
                        + "mentions={} stage_seconds={}", config.runId(), plan.toRead().size(),
                plan.changed().size(), c.inputRecords(), c.dated(), c.undated(), c.rejectsByReason(), c.displaced(),
                changedDays.size(), lexiconChanged, mentionCount, seconds);
        if (!c.accountingOk()) {
            throw new PipelineJob.AccountingException("nightly " + config.runId() + ": " + c.inputRecords()
                    + " input records but " + c.dated() + " + " + c.undated() + " articles and " + c.rejects()
                    + " rejects; nothing was published");
        }
        Map<String, String> properties = new TreeMap<>();
        properties.put("command", config.command());
        properties.put("changed_days", String.valueOf(changedDays.size()));
        properties.put(MENTIONS_PROPERTY, String.valueOf(mentionCount));
        Manifest manifest = new Manifest(config.runId(), finished.toString(), plan.manifest(), versions, properties);
        Snapshot snapshot = store.publish(lock, staging, manifest, changes.whole, changes.partitions,
                changes.appended, changes.dropped);
        LOG.info("published {} as {}", config.output(), snapshot.name());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("input_files", plan.toRead().size());
        stats.put("changed_files", plan.changed().size());
        stats.put("input_records", c.inputRecords());
        stats.put("articles_dated", c.dated());
        stats.put("articles_undated", c.undated());
        stats.put("rejects", c.rejectsByReason());
        stats.put("changed_days", changedDays);
        stats.put("lexicon_changed", lexiconChanged);
        stats.put("mentions", mentionCount);
        return new PipelineJob.Outcome(config.runId(), snapshot, stats);
    }

    /** Runs a step and logs its time, so a night's log shows where the time went. */
    private static <T> T timed(SparkSession spark, String step, java.util.function.Supplier<T> work) {
        long t = System.nanoTime();
        // Names the step's Spark jobs in the UI and in listeners.
        spark.sparkContext().setJobDescription("nightly: " + step);
        try {
            return work.get();
        } finally {
            spark.sparkContext().setJobDescription(null);
            LOG.info("{} in {} s", step, PipelineJob.secondsSince(t));
        }
    }

    /** One night's work on the staging folder: what it read, what it wrote, and which partitions it replaced. */
    private static final class Tonight {
        private final SparkSession spark;
        private final PipelineConfig config;
        private final Optional<Snapshot> previous;
        private final Staging staging;
        final StagedChanges changes = new StagedChanges(table -> files(published(table)));

        private final Compaction compaction;
        /** term_daily's sums over the changed days' articles, when they were counted on the driver. */
        private TermTotals changedDayTerms;
        /** How much tonight changed the sum of mentions.count, when its mentions were staged from the driver. */
        private Long stagedMentionChange;
        /** The lexicon differs from the snapshot's: mentions and every series are recomputed after the merge. */
        private final boolean lexiconChanged;
        /** The series tables were staged with a small night's articles ({@link #stageOnDriver}). */
        boolean seriesStaged;
        /** {@link #earlier}'s tables, asked for from the threads of {@link OnDriver#atOnce} too. */
        private final Map<TableSpec, Dataset<Row>> earlierTables = new java.util.concurrent.ConcurrentHashMap<>();

        Tonight(SparkSession spark, PipelineConfig config, Optional<Snapshot> previous, Staging staging,
                Compaction compaction, boolean lexiconChanged) {
            this.spark = spark;
            this.config = config;
            this.previous = previous;
            this.staging = staging;
            this.compaction = compaction;
            this.lexiconChanged = lexiconChanged;
        }

        /**
         * Extracts tonight's files against the earlier articles and stages articles, articles_undated, rejects
         * and mentions; adds the days whose articles changed to {@code changedDays}.
         */
        ExtractStage.Result extractAndMerge(NightlyPlan plan, Set<LocalDate> changedDays, DriverRead early) {
            StoredArticles stored = new StoredArticles(spark, earlier(Tables.ARTICLES),
                    earlier(Tables.ARTICLES_UNDATED), plan.changed());
            ExtractStage.Result r = timed(spark, "extract and merge", () -> ExtractStage.run(spark, plan.toRead(),
                    config.runId(), stored, early, config.minDateConfidence()));
            // Earlier articles that leave the tables: those of a changed file (read again tonight) and those a
            // newer fetch of their URL displaced. Both are few, as are the reclustered: kept on the driver.
            List<Row> goneRows = new ArrayList<>();
            for (Row row : stored.leavingRows()) {
                goneRows.add(new GenericRowWithSchema(new Object[] {row.get(row.fieldIndex("doc_id")),
                    row.get(row.fieldIndex("published_date"))}, ExtractStage.Rivalry.DISPLACED));
            }
            goneRows.addAll(r.earlier().displaced());
            List<Row> reclusteredRows = r.earlier().reclustered();
            Dataset<Row> gone = spark.createDataFrame(goneRows, ExtractStage.Rivalry.DISPLACED);
            Dataset<Row> reclustered = spark.createDataFrame(reclusteredRows, ExtractStage.Rivalry.RECLUSTERED)
                    .select(col("doc_id"), col("cluster_id").as("new_cluster"));
            changedDays.addAll(r.days());
            Set<String> undatedLeaving = new TreeSet<>();
            for (Row row : OnDriver.concat(goneRows, reclusteredRows)) {
                Date day = row.getDate(row.fieldIndex("published_date"));
                if (day == null) {
                    undatedLeaving.add(row.getString(0));
                } else {
                    changedDays.add(day.toLocalDate());
                }
            }
            Column inChanged = IncrementalSeries.in("date", changedDays);
            TopicMatcher matcher = new TopicMatcher(config.lexicon());
            Set<String> changedPartitions = SeriesDates.partitions(changedDays);
            List<Row> texts = r.datedArticleRows() != null
                    ? columns(r.datedArticleRows(), Tables.ARTICLES, TopicsStage.INPUT_NAMES)
                    : OnDriver.texts(r.articles().select(TopicsStage.INPUT));
            if (texts != null && stageOnDriver(r, texts, changedDays, goneRows, reclusteredRows, matcher)) {
                appendUndatedAndRejects(plan, r, undatedLeaving, gone, reclustered);
                return r;
            }
            // A night too large for the driver: its articles staged by Spark, tonight's mentions matched from the
            // staged rows (not computed again), term_daily counted with the series (recomputeDays).
            Dataset<Row> staying = refresh(earlier(Tables.ARTICLES).filter(inChanged), gone, reclustered);
            write(Tables.ARTICLES, staying.unionByName(r.articles()), changedPartitions);
            Dataset<Row> newArticles = read(Tables.ARTICLES).filter(col("run_id").equalTo(config.runId()));
            write(Tables.MENTIONS, refresh(earlier(Tables.MENTIONS).filter(inChanged), gone, reclustered)
                    .unionByName(TableIO.conform(TopicsStage.mentions(spark, newArticles, matcher), Tables.MENTIONS)),
                    changedPartitions);
            appendUndatedAndRejects(plan, r, undatedLeaving, gone, reclustered);
            return r;
        }

        /** Stages tonight's undated articles and rejects beside the earlier ones that stay. */
        private void appendUndatedAndRejects(NightlyPlan plan, ExtractStage.Result r, Set<String> undatedLeaving,
                                             Dataset<Row> gone, Dataset<Row> reclustered) {
            append(Tables.ARTICLES_UNDATED, r.undated(), r.articlesUndated() > 0,
                    undatedLeaving.isEmpty() ? null : col("doc_id").isin(undatedLeaving.toArray()),
                    rows -> refresh(rows, gone, reclustered));
            Column fromChangedFile = col("source").isin(plan.changed().toArray());
            append(Tables.REJECTS, r.rejects(), r.rejectCount() + r.earlier().displacedCount() > 0,
                    plan.changed().isEmpty() ? null : fromChangedFile, rows -> rows.filter(not(fromChangedFile)));
        }

        /**
         * A small night's articles, mentions, term_daily and series staged from the driver: the changed days' stored
         * articles and mentions are collected (two queries, at once with tonight's articles and with the stored rows
         * the series need besides them, {@link IncrementalSeries#storedQueries}), refreshed there as
         * {@link #refresh} would, and written with tonight's rows without a Spark job each ({@link LocalParquet}).
         * The mentions' total then follows from the rows in hand. False, having staged nothing, when the stored
         * rows are too many to collect; the series are left to {@link #recomputeDays} when too many for the driver
         * or when the lexicon changed.
         */
        private boolean stageOnDriver(ExtractStage.Result r, List<Row> texts, Set<LocalDate> changedDays,
                                      List<Row> goneRows, List<Row> reclusteredRows, TopicMatcher matcher) {
            Column inChanged = IncrementalSeries.in("date", changedDays);
            Set<String> changedPartitions = SeriesDates.partitions(changedDays);
            List<Callable<List<Row>>> queries = new ArrayList<>(List.of(
                    () -> OnDriver.texts(earlier(Tables.ARTICLES).filter(inChanged)),
                    () -> OnDriver.upTo(earlier(Tables.MENTIONS).filter(inChanged), OnDriver.mentionRowLimit()),
                    () -> r.datedArticleRows() != null ? r.datedArticleRows() : r.articles().collectAsList()));
            long seriesLimit = IncrementalSeries.driverLimit(spark);
            boolean seriesHere = !lexiconChanged && seriesLimit >= 0;
            if (seriesHere) {
                queries.addAll(IncrementalSeries.storedQueries(earlier(Tables.ARTICLES), earlier(Tables.MENTIONS),
                        previousSeries(), changedDays, changedDays, seriesLimit));
            }
            List<List<Row>> collected = OnDriver.atOnce(queries);
            List<Row> storedArticles = collected.get(0);
            List<Row> storedMentions = collected.get(1);
            if (storedArticles == null || storedMentions == null) {
                return false;
            }
            Set<String> goneIds = new HashSet<>();
            goneRows.forEach(row -> goneIds.add(row.getString(row.fieldIndex("doc_id"))));
            Map<String, String> newClusters = new HashMap<>();
            reclusteredRows.forEach(row -> newClusters.put(row.getString(row.fieldIndex("doc_id")),
                    row.getString(row.fieldIndex("cluster_id"))));
            List<Row> staying = refreshed(storedArticles, Tables.ARTICLES, goneIds, newClusters);
            List<Row> articleRows = OnDriver.concat(staying, collected.get(2));
            Dataset<Row> articles = spark.createDataFrame(articleRows, Tables.ARTICLES.sparkSchema());
            CompletableFuture<Void> articlesStaged = OnDriver.start(
                    () -> stage(Tables.ARTICLES, articles, changedPartitions));
            // term_daily counts the staying articles too: tokenized beside the matching of tonight's.
            CompletableFuture<TermTotals> stayingTerms = OnDriver.start(() -> AggregateStage.termTotals(
                    columns(staying, Tables.ARTICLES, "date", "title", "text"), OnDriver.cores(spark)));
            CompletableFuture<Void> othersStaged = null;
            Map<TableSpec, Set<String>> replaced = new LinkedHashMap<>();
            try {
                TopicsStage.Matched matched = TopicsStage.mentionsAndTerms(spark, texts, matcher);
                List<Row> mentions = OnDriver.concat(refreshed(storedMentions, Tables.MENTIONS, goneIds, newClusters),
                        matched.mentionRows());
                stagedMentionChange = NightlyJob.countSum(mentions) - NightlyJob.countSum(storedMentions);
                Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>();
                tables.put(Tables.MENTIONS, spark.createDataFrame(mentions, Tables.MENTIONS.sparkSchema()));
                replaced.put(Tables.MENTIONS, changedPartitions);
                IncrementalSeries.Result series = !seriesHere ? null : timed(spark, "series counts",
                        () -> IncrementalSeries.onDriver(spark, collected.subList(3, collected.size()),
                                columns(articleRows, Tables.ARTICLES, AggregateStage.Inputs.ARTICLE_COLUMN_NAMES),
                                columns(mentions, Tables.MENTIONS, AggregateStage.Inputs.MENTION_COLUMN_NAMES),
                                changedDays, topics(), config.lexicon().contentHash(), seriesLimit));
                if (series != null) {
                    tables.putAll(series.tables());
                    replaced.putAll(series.partitions());
                    seriesStaged = true;
                }
                // term_daily, staged below once its counts are in, is recorded with the others.
                replaced.put(Tables.TERM_DAILY, changedPartitions);
                othersStaged = OnDriver.start(() -> stageAll(tables, replaced));
                changedDayTerms = matched.terms();
                changedDayTerms.addAll(OnDriver.await(stayingTerms));
                stage(Tables.TERM_DAILY, spark.createDataFrame(AggregateStage.termDailyRows(changedDayTerms,
                        config.minTermCount()), Tables.TERM_DAILY.sparkSchema()), changedPartitions);
                OnDriver.await(othersStaged);
                OnDriver.await(articlesStaged);
            } finally {
                // Never leaves work running behind a failure: the lock is released when this run fails.
                OnDriver.settle(articlesStaged, stayingTerms, othersStaged);
            }
            changes.staged(Tables.ARTICLES, changedPartitions);
            replaced.forEach(changes::staged);
            return true;
        }

        /** The series tables as published before tonight, as {@link IncrementalSeries} takes them. */
        private Map<TableSpec, Dataset<Row>> previousSeries() {
            Map<TableSpec, Dataset<Row>> before = new LinkedHashMap<>();
            for (TableSpec table : List.of(Tables.TOPIC_DAILY, Tables.TOPIC_BY_SOURCE_DAILY, Tables.TOPIC_WEEKLY,
                    Tables.TOPIC_MONTHLY)) {
                before.put(table, earlier(table));
            }
            return before;
        }

        /** Mentions and every series table recomputed from all articles: the lexicon changed. */
        void recomputeAll() {
            Dataset<Row> articles = merged(Tables.ARTICLES);
            write(Tables.MENTIONS, TopicsStage.mentions(spark, articles, new TopicMatcher(config.lexicon())), null);
            AggregateStage.Result r = AggregateStage.run(articles, read(Tables.MENTIONS), topics(),
                    config.lexicon().contentHash(), config.minTermCount());
            for (Map.Entry<TableSpec, Dataset<Row>> e : r.tables().entrySet()) {
                write(e.getKey(), e.getValue(), null);
            }
        }

        /** The series rows the changed days can affect. */
        void recomputeDays(Set<LocalDate> changedDays) {
            Map<TableSpec, Dataset<Row>> before = previousSeries();
            Dataset<Row> articles = merged(Tables.ARTICLES);
            IncrementalSeries.Result r = timed(spark, "series counts", () -> IncrementalSeries.recompute(
                    articles, merged(Tables.MENTIONS), before, changedDays, topics(),
                    config.lexicon().contentHash()));
            Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>(r.tables());
            Map<TableSpec, Set<String>> replaced = new LinkedHashMap<>(r.partitions());
            // Unless counted on the driver and staged with the articles, term_daily is written with the series
            // tables: its tokenizing fills the cores while their small jobs wait on planning and scheduling.
            if (changedDayTerms == null) {
                tables.put(Tables.TERM_DAILY, IncrementalSeries.termDaily(articles, changedDays,
                        config.minTermCount()));
                replaced.put(Tables.TERM_DAILY, SeriesDates.partitions(changedDays));
            }
            writeAll(tables, replaced);
        }

        /**
         * Stages several tables at once: on a night's few rows each write is a handful of small Spark jobs whose
         * time goes to planning and scheduling, which overlap when the writes do not wait for each other.
         */
        private void writeAll(Map<TableSpec, Dataset<Row>> tables, Map<TableSpec, Set<String>> replaced) {
            stageAll(tables, replaced);
            for (TableSpec table : tables.keySet()) {
                changes.staged(table, replaced.get(table));
            }
        }

        /** The writes of {@link #writeAll}, without recording what they replace. */
        private void stageAll(Map<TableSpec, Dataset<Row>> tables, Map<TableSpec, Set<String>> replaced) {
            List<Callable<Void>> writes = new ArrayList<>();
            for (Map.Entry<TableSpec, Dataset<Row>> e : tables.entrySet()) {
                writes.add(() -> {
                    stage(e.getKey(), e.getValue(), replaced.get(e.getKey()));
                    return null;
                });
            }
            OnDriver.atOnce(writes);
        }

        /** Every table exists after any night, empty until it has rows, as after a full run. */
        void createMissingTables() throws IOException {
            for (TableSpec table : Tables.ALL) {
                // The store carries over data files only, so an empty table would vanish with the next snapshot.
                boolean published = previous.isPresent() && !changes.allPartitionsReplaced(table);
                if (!published && files(staging.tablePath(table.name())).isEmpty() && table != Tables.RUN_STATS) {
                    write(table, spark.createDataFrame(List.of(), table.sparkSchema()), null);
                }
            }
        }

        /** The published table's folder, null before the first snapshot. */
        private java.nio.file.Path published(TableSpec table) {
            return previous.map(s -> s.tablePath(table.name())).orElse(null);
        }

        /** A table's data files by partition ("" for its root): {@link SnapshotStore#dataFilesByPartition}. */
        private static Map<String, List<String>> files(java.nio.file.Path table) {
            try {
                return table == null ? Map.of() : SnapshotStore.dataFilesByPartition(table);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + table, e);
            }
        }

        /**
         * The mentions' total count: the previous snapshot's total (recorded in its manifest) with the rewritten
         * partitions' counts swapped, so a night does not sum the whole table.
         */
        long mentionTotal() {
            String recorded = previous.map(s -> s.manifest().properties().get(MENTIONS_PROPERTY)).orElse(null);
            if (changes.whole.contains(Tables.MENTIONS.name()) || previous.isEmpty() || recorded == null) {
                return countSum(merged(Tables.MENTIONS));
            }
            Set<String> replaced = changes.partitions.getOrDefault(Tables.MENTIONS.name(), Set.of());
            if (replaced.isEmpty()) {
                return Long.parseLong(recorded);
            }
            if (stagedMentionChange != null) {
                return Long.parseLong(recorded) + stagedMentionChange;
            }
            // One query: the replaced partitions' counts negated beside the staged ones.
            return Long.parseLong(recorded) + countSum(earlier(Tables.MENTIONS).filter(inPartitions(replaced))
                    .select(col("count").cast("long").multiply(-1).as("count"))
                    .unionByName(read(Tables.MENTIONS).select(col("count").cast("long").as("count"))));
        }

        private static long countSum(Dataset<Row> mentions) {
            Row total = mentions.agg(sum(col("count"))).first();
            return total.isNullAt(0) ? 0 : total.getLong(0);
        }

        /** {@code date IN (...)} over partition names such as date=2024-11-30. */
        private static Column inPartitions(Set<String> names) {
            return IncrementalSeries.in("date", names.stream()
                    .map(p -> LocalDate.parse(p.substring(p.indexOf('=') + 1))).toList());
        }

        private List<String> topics() {
            return config.lexicon().topics().stream().map(Lexicon.Topic::name).toList();
        }

        /** Rows without the articles that left, with the new cluster ids of those whose cluster changed. */
        private static Dataset<Row> refresh(Dataset<Row> rows, Dataset<Row> gone, Dataset<Row> reclustered) {
            return rows.join(gone.select("doc_id"), new String[] {"doc_id"}, "left_anti")
                    .join(reclustered, new String[] {"doc_id"}, "left")
                    .withColumn("cluster_id", coalesce(col("new_cluster"), col("cluster_id")))
                    .drop("new_cluster");
        }

        /**
         * Stages rows of a table; {@code replaced} names the partitions they replace, null when the table is
         * rewritten whole.
         */
        void write(TableSpec table, Dataset<Row> rows, Set<String> replaced) {
            stage(table, rows, replaced);
            changes.staged(table, replaced);
        }

        private void stage(TableSpec table, Dataset<Row> rows, Set<String> replaced) {
            timed(spark, "write " + table.name(), () -> {
                String path = staging.tablePath(table.name()).toString();
                if (replaced == null) {
                    TableIO.write(rows, table, path);
                } else {
                    TableIO.writeRows(rows, table, path);
                }
                return null;
            });
        }

        /**
         * Stages an unpartitioned table as the published one plus {@code added}: published files holding a row
         * that {@code affected} selects (null: none) are rewritten through {@code revise} (null: kept as they
         * are); the others are carried over as they are, so a night writes tonight's rows and not the table.
         * When the table's small files would reach {@link Compaction#atFiles}, they are rewritten together with
         * tonight's rows into one file ({@link Compaction}).
         */
        void append(TableSpec table, Dataset<Row> added, boolean hasRows, Column affected,
                    UnaryOperator<Dataset<Row>> revise) {
            Set<String> affectedFiles = new TreeSet<>();
            java.nio.file.Path published = published(table);
            if (affected != null && published != null && Files.isDirectory(published)) {
                for (Row r : earlier(table).filter(affected).select(input_file_name()).distinct().collectAsList()) {
                    affectedFiles.add(published.relativize(
                            java.nio.file.Path.of(java.net.URI.create(r.getString(0)))).toString());
                }
            }
            StagedChanges.Append append = changes.append(table, published, affectedFiles, hasRows, compaction);
            if (append == null) {
                return;
            }
            Dataset<Row> rows = added;
            if (!append.rewritten().isEmpty()) {
                Dataset<Row> earlierRows = TableIO.conform(spark.read().schema(table.sparkSchema()).parquet(
                        append.rewritten().stream().map(f -> published.resolve(f).toString())
                                .toArray(String[]::new)), table);
                rows = rows.unionByName(revise == null ? earlierRows : revise.apply(earlierRows));
            }
            if (append.compacts()) {
                // One task: these tables are narrow, and maxRecordsPerFile still bounds each file.
                rows = rows.coalesce(1);
            }
            stage(table, rows, Set.of());
            changes.appended(table, append.rewritten());
        }

        /**
         * The table as published before tonight, empty when it does not exist yet. Made once per table: the
         * snapshot does not change, and each making lists the table's files.
         */
        Dataset<Row> earlier(TableSpec table) {
            return earlierTables.computeIfAbsent(table, t -> {
                if (previous.isPresent() && Files.isDirectory(previous.get().tablePath(t.name()))) {
                    return TableIO.read(spark, t, previous.get().tablePath(t.name()).toString());
                }
                return spark.createDataFrame(List.of(), t.sparkSchema());
            });
        }

        /** What tonight staged of the table. */
        Dataset<Row> read(TableSpec table) {
            return TableIO.read(spark, table, staging.tablePath(table.name()).toString());
        }

        /** The table as it will be published: staged partitions over the earlier ones they replace. */
        Dataset<Row> merged(TableSpec table) {
            if (changes.whole.contains(table.name())) {
                return read(table);
            }
            Set<String> replaced = changes.partitions.get(table.name());
            if (replaced == null) {
                return earlier(table);
            }
            Dataset<Row> kept = earlier(table).filter(not(inPartitions(replaced)));
            return Files.isDirectory(staging.tablePath(table.name())) ? kept.unionByName(read(table)) : kept;
        }
    }
}
