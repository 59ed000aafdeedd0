package io.topicpulse.jobs;

import io.topicpulse.aggregate.TermTotals;
import io.topicpulse.dedup.LshBands;
import io.topicpulse.dedup.NearDuplicateClusterer;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import io.topicpulse.table.store.Manifest;
import io.topicpulse.table.store.RunLock;
import io.topicpulse.table.store.Snapshot;
import io.topicpulse.table.store.SnapshotStore;
import io.topicpulse.table.store.Staging;
import io.topicpulse.topics.Lexicon;
import io.topicpulse.topics.TopicMatcher;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A small local night run with no Spark session at all: tonight's files read and extracted on the driver's threads,
 * the stored rows it needs read with {@link LocalTables}, the merge, mentions and series computed in plain Java by
 * the code the Spark night's driver path uses, and every table staged with {@link LocalTables} and published as one
 * snapshot. It makes the tables the Spark night ({@link NightlyJob}) makes, without the cost of starting Spark and of
 * planning, generating and compiling the code of a dozen queries in a fresh process, which was most of a 1,000-page
 * night's time after its read.
 *
 * <p>It takes only the common night: tables published by this extractor version with this lexicon, on a local
 * master, new files only (none read again), and everything within the driver limits of the Spark night's driver path
 * ({@link ExtractStage#DRIVER_EXTRACT_BYTES}, {@link OnDriver#TEXT_LIMIT}, the merge limit,
 * {@link IncrementalSeries#DRIVER_SERIES_LIMIT}). Any other night, or one found larger than those limits once read,
 * is left to the Spark night, which takes over the rows already read.
 */
final class LocalNight {

    /**
     * Spark configuration key: "true" (the default) runs a small local night without Spark; "false" always starts
     * Spark.
     */
    static final String ENABLED = "spark.topicpulse.nightly.spark-free";

    private static final Logger LOG = LoggerFactory.getLogger(LocalNight.class);

    private LocalNight() {
    }

    /**
     * Runs the night without Spark when it is one this class takes.
     *
     * @param master the --master given, or null
     * @param conf   the settings Spark would start with
     * @param early  the read begun before, or null
     * @return the outcome when the night ran here; else null outcome and the read a Spark night should take (null
     *         when none was made)
     */
    static NightlyJob.Attempt run(NightlyJob.Config nightly, String master, SparkConf conf,
                                  NightlyJob.EarlyRead early) throws IOException {
        return run(nightly, master, conf, early, NightlyJob.Compaction.DEFAULT);
    }

    /** @param compaction when the append-only tables' small files are rewritten into one */
    static NightlyJob.Attempt run(NightlyJob.Config nightly, String master, SparkConf conf,
                                  NightlyJob.EarlyRead early, NightlyJob.Compaction compaction) throws IOException {
        Limits limits = Limits.of(master, conf);
        if (limits == null) {
            return new NightlyJob.Attempt(null, early);
        }
        PipelineConfig config = nightly.base();
        SnapshotStore store = SnapshotStore.open(config.output());
        if (!takes(store.current(), nightly, limits, null)) {
            return new NightlyJob.Attempt(null, early);
        }
        Instant started = Instant.now();
        try (RunLock lock = RunLock.acquire(config.output(), "topicpulse nightly " + config.runId())) {
            Optional<Snapshot> previous = store.current();
            NightlyPlan plan = NightlyPlan.of(previous.map(s -> s.manifest().inputs()).orElse(List.of()),
                    config.inputFiles(), nightly.since(), nightly.until(), nightly.reprocess());
            if (!takes(previous, nightly, limits, plan)) {
                return new NightlyJob.Attempt(null, early);
            }
            LOG.info("nightly {} without Spark: {} files to read, {} unchanged", config.runId(),
                    plan.toRead().size(), plan.unchanged().size());
            Night night = new Night(config, previous.orElseThrow(), limits, compaction);
            Map<String, Double> seconds = new LinkedHashMap<>();
            DriverRead read = null;
            Merged merged = null;
            if (!plan.nothingToRead()) {
                long t = System.nanoTime();
                read = early != null && early.read().covers(plan.toRead(), limits.cores(), limits.striped())
                        ? early.read() : DriverRead.start(plan.toRead(), limits.cores(), limits.striped(),
                        limits.settings().hadoop(), config.minDateConfidence());
                if (early != null && read != early.read()) {
                    early.abandon();
                }
                List<Row> outcomes = read.rows();
                if (outcomes == null) {
                    return new NightlyJob.Attempt(null, null); // the read failed: the Spark night meets the failure
                }
                long m = System.nanoTime();
                merged = night.merge(outcomes);
                LOG.info("merge in {} s", PipelineJob.secondsSince(m));
                if (merged == null) {
                    return new NightlyJob.Attempt(null, NightlyJob.EarlyRead.of(read));
                }
                seconds.put("extract", PipelineJob.secondsSince(t));
            } else if (early != null) {
                early.abandon();
            }
            long t = System.nanoTime();
            Stored stored = merged == null ? null : night.readStored(merged);
            LOG.info("stored rows read in {} s", PipelineJob.secondsSince(t));
            if (merged != null && stored == null) {
                return new NightlyJob.Attempt(null, NightlyJob.EarlyRead.of(read));
            }
            Staging staging = store.beginStaging(lock, config.runId());
            night.staging = staging;
            if (merged != null) {
                night.stage(merged, stored);
            }
            seconds.put("aggregate", PipelineJob.secondsSince(t));
            night.createMissingTables();
            long mentionCount = night.mentionTotal();
            Instant finished = Instant.now();
            NightlyJob.Counts counts = NightlyJob.Counts.NONE;
            if (merged != null) {
                long dated = merged.dated().size();
                long undated = merged.undated().size();
                long rejects = merged.rejectsByReason().values().stream().mapToLong(Long::longValue).sum();
                counts = new NightlyJob.Counts(merged.tally().inputRecords(), dated, undated,
                        merged.rejectsByReason(), merged.tally().skipped(), merged.tally().warnings(),
                        merged.displaced().size(), merged.tally().inputRecords() == dated + undated + rejects);
            }
            Map<String, String> versions = PipelineJob.versions(org.apache.spark.package$.MODULE$.SPARK_VERSION(),
                    config.lexicon());
            night.append(Tables.RUN_STATS, List.of(NightlyJob.statsRow(config, plan, started, finished, counts,
                    mentionCount, seconds, versions)), true, Set.of(), null, null);
            return new NightlyJob.Attempt(NightlyJob.publish(config, store, lock, staging, plan, counts,
                    merged == null ? Set.of() : merged.changedDays(), false, mentionCount, seconds, versions,
                    finished, night.changes), null);
        }
    }

    /**
     * True when the night is one this class takes: tables published by this extractor with this lexicon and a
     * recorded mention total, no input file read again, tonight's files within the driver's read limit.
     *
     * @param plan the night's plan, or null to make it here
     */
    private static boolean takes(Optional<Snapshot> previous, NightlyJob.Config nightly, Limits limits,
                                 NightlyPlan plan) {
        if (previous.isEmpty()) {
            return false;
        }
        Manifest manifest = previous.get().manifest();
        PipelineConfig config = nightly.base();
        if (!PipelineJob.EXTRACTOR_VERSION.equals(manifest.versions().get("extractor"))
                || !config.lexicon().contentHash().equals(manifest.versions().get("lexicon_hash"))
                || manifest.properties().get(NightlyJob.MENTIONS_PROPERTY) == null) {
            return false;
        }
        for (TableSpec table : Tables.ALL) {
            if (!Files.isDirectory(previous.get().tablePath(table.name()))) {
                return false;
            }
        }
        NightlyPlan p = plan != null ? plan : NightlyPlan.of(manifest.inputs(), config.inputFiles(), nightly.since(),
                nightly.until(), nightly.reprocess());
        return p.changed().isEmpty()
                && (p.nothingToRead() || ExtractStage.readsOnDriver(p.toRead(), limits.extractBytes(), true));
    }

    /** The settings a night without Spark follows, those of the Spark night's driver path; null when it is off. */
    record Limits(int cores, boolean striped, long extractBytes, long texts, long merge, long series,
                  long mentionRows, LocalTables.Settings settings) {

        static Limits of(String master, SparkConf conf) {
            String resolved = SparkSessions.masterOf(conf, master);
            int cores = OnDriver.localCores(resolved, conf);
            long extractBytes = JobSettings.wholeNumber(conf, ExtractStage.DRIVER_EXTRACT_BYTES,
                    ExtractStage.DEFAULT_DRIVER_EXTRACT_BYTES);
            long texts = JobSettings.wholeNumber(conf, OnDriver.TEXT_LIMIT,
                    OnDriver.defaultTextLimit(Runtime.getRuntime().maxMemory()));
            long merge = JobSettings.wholeNumber(conf, ExtractStage.DRIVER_MERGE_LIMIT,
                    OnDriver.defaultMergeLimit(Runtime.getRuntime().maxMemory()));
            long series = JobSettings.wholeNumber(conf, IncrementalSeries.DRIVER_SERIES_LIMIT,
                    IncrementalSeries.defaultDriverLimit(Runtime.getRuntime().maxMemory()));
            if (!JobSettings.flag(conf, ENABLED, true) || !JobSettings.flag(conf, LocalParquet.ENABLED, true)
                    || cores < 1 || extractBytes < 0 || texts < 0 || merge < 0 || series < 0) {
                return null;
            }
            return new Limits(cores, JobSettings.flag(conf, ExtractStage.STRIPES, true), extractBytes, texts, merge,
                    series, OnDriver.mentionRowLimit(), LocalTables.Settings.of(conf));
        }
    }

    /**
     * Tonight's records merged into the stored articles: the articles and rejects to stage, and what they did to
     * the stored articles (displaced, reclustered).
     */
    record Merged(ExtractStage.Tally tally, List<Row> dated, List<Row> undated, List<Row> rejects,
                  Map<String, Long> rejectsByReason, List<Row> displaced, List<Row> reclustered,
                  Set<LocalDate> changedDays, Set<String> undatedLeaving) {
    }

    /** The stored rows a night's tables are made from, read before anything is staged. */
    record Stored(List<Row> articles, List<Row> mentions, List<List<Row>> series) {
    }

    /** One night's work: what it read, what it staged, and which partitions and files that replaces. */
    private static final class Night {
        private final PipelineConfig config;
        private final Snapshot previous;
        private final Limits limits;
        /** The published tables' data files by partition, listed once; asked for from the reading threads too. */
        private final Map<String, Map<String, List<String>>> publishedFiles =
                new java.util.concurrent.ConcurrentHashMap<>();
        Staging staging;
        final StagedChanges changes = new StagedChanges(this::publishedFiles);
        private Long stagedMentionChange;
        private final NightlyJob.Compaction compaction;

        Night(PipelineConfig config, Snapshot previous, Limits limits, NightlyJob.Compaction compaction) {
            this.config = config;
            this.previous = previous;
            this.limits = limits;
            this.compaction = compaction;
        }

        /**
         * Tonight's outcome rows merged into the stored articles by the rule of {@link NightOnDriver#merge}; null
         * when its articles are more than the driver's limits let it take.
         */
        Merged merge(List<Row> outcomes) {
            ExtractStage.Tally tally = ExtractStage.Tally.of(outcomes);
            if (tally.articleRecords() > Math.min(limits.texts(), limits.merge())) {
                LOG.info("{} article records are more than a night without Spark takes: Spark merges them",
                        tally.articleRecords());
                return null;
            }
            StructType schema = OutcomeRows.SCHEMA;
            int kind = schema.fieldIndex("kind");
            int docId = schema.fieldIndex("doc_id");
            int source = schema.fieldIndex("source");
            int offset = schema.fieldIndex("source_offset");
            int date = schema.fieldIndex("published_date");
            int minhash = schema.fieldIndex("minhash");
            List<Row> records = new ArrayList<>();
            for (Row r : outcomes) {
                if (OutcomeRows.ARTICLE.equals(r.getString(kind))) {
                    records.add(new GenericRowWithSchema(values(r), schema));
                }
            }
            DriverMerge.Records tonightsRecords = DriverMerge.Records.of(records, docId, minhash);
            // One pass over the stored narrow columns: the rivals' files, and every stored article with its band
            // keys shared with tonight's, for the clusters that can change.
            long[] sortedKeys = tonightsRecords.sortedKeys();
            List<java.util.concurrent.Callable<Scanned>> scans = new ArrayList<>();
            for (TableSpec table : List.of(Tables.ARTICLES, Tables.ARTICLES_UNDATED)) {
                for (Path file : LocalTables.files(published(table), publishedFiles(table), null)) {
                    scans.add(() -> scan(file, table, tonightsRecords.docIds(), sortedKeys));
                }
            }
            List<Path> rivalFiles = new ArrayList<>();
            List<StoredDoc> storedDocs = new ArrayList<>();
            Map<String, Set<Long>> keysByCluster = new HashMap<>();
            // File by file on the driver's cores, in file order.
            for (Scanned scanned : OnDriver.inThreads(scans, limits.cores())) {
                storedDocs.addAll(scanned.docs());
                if (scanned.rival()) {
                    rivalFiles.add(scanned.file());
                }
                scanned.keysByCluster().forEach((cluster, keys) ->
                        keysByCluster.computeIfAbsent(cluster, c -> new HashSet<>()).addAll(keys));
            }
            String[] undatedColumns = Tables.ARTICLES_UNDATED.columnNames();
            List<Row> rivals = new ArrayList<>();
            for (Path file : rivalFiles) {
                TableSpec table = file.startsWith(published(Tables.ARTICLES)) ? Tables.ARTICLES
                        : Tables.ARTICLES_UNDATED;
                for (Row r : LocalTables.read(List.of(file), table, limits.settings(), undatedColumns)) {
                    if (tonightsRecords.docIds().contains(r.getString(r.fieldIndex("doc_id")))) {
                        rivals.add(r);
                    }
                }
            }
            Set<String> contested = tonightsRecords.contested();
            Set<String> affected = new TreeSet<>();
            int rivalCluster = Tables.ARTICLES_UNDATED.sparkSchema().fieldIndex("cluster_id");
            int rivalDocId = Tables.ARTICLES_UNDATED.sparkSchema().fieldIndex("doc_id");
            for (Row r : rivals) {
                contested.add(r.getString(rivalDocId));
                affected.add(r.getString(rivalCluster));
            }

            DriverMerge.Losers losers = DriverMerge.Losers.NONE;
            if (!contested.isEmpty()) {
                List<Row> competing = new ArrayList<>();
                for (Row r : records) {
                    if (contested.contains(r.getString(docId))) {
                        competing.add(r);
                    }
                }
                losers = DriverMerge.Losers.of(ContestedRecords.losers(competing, rivals));
            }

            List<NearDuplicateClusterer.Doc> docs = new ArrayList<>();
            List<Row> kept = new ArrayList<>();
            Set<Long> keys = new HashSet<>();
            Set<LocalDate> days = new TreeSet<>();
            for (int i = 0; i < records.size(); i++) {
                Row r = records.get(i);
                if (losers.lostRecord(r.getString(source), r.getLong(offset))) {
                    continue;
                }
                docs.add(new NearDuplicateClusterer.Doc(r.getString(docId), firstSeen(r),
                        tonightsRecords.signature(i)));
                kept.add(r);
                for (long k : tonightsRecords.bandKeys(i)) {
                    keys.add(k);
                }
                if (!r.isNullAt(date)) {
                    days.add(r.getDate(date).toLocalDate());
                }
            }
            // The stored articles whose cluster can change: those of clusters sharing a band key with tonight's
            // winners, and those of clusters that lose a member (see StoredArticles#clusterPool).
            Set<String> poolClusters = new TreeSet<>(affected);
            keysByCluster.forEach((cluster, shared) -> {
                if (shared.stream().anyMatch(keys::contains)) {
                    poolClusters.add(cluster);
                }
            });
            List<StoredDoc> pool = new ArrayList<>();
            for (StoredDoc doc : storedDocs) {
                if (poolClusters.contains(doc.clusterId()) && !losers.displacedIds().contains(doc.docId())) {
                    pool.add(doc);
                    docs.add(new NearDuplicateClusterer.Doc(doc.docId(), doc.firstSeen(), doc.signature()));
                }
            }
            Map<String, String> clusters = NearDuplicateClusterer.standard().cluster(docs);
            List<Row> reclustered = new ArrayList<>();
            for (StoredDoc doc : pool) {
                String cluster = clusters.get(doc.docId());
                if (!cluster.equals(doc.clusterId())) {
                    reclustered.add(new GenericRowWithSchema(new Object[] {doc.docId(), cluster, doc.publishedDate()},
                            ExtractStage.Rivalry.RECLUSTERED));
                }
            }
            List<Row> dated = new ArrayList<>();
            List<Row> undated = new ArrayList<>();
            for (Row r : kept) {
                String cluster = clusters.get(r.getString(docId));
                if (r.isNullAt(date)) {
                    undated.add(articleRow(r, Tables.ARTICLES_UNDATED, cluster, config.runId()));
                } else {
                    dated.add(articleRow(r, Tables.ARTICLES, cluster, config.runId()));
                }
            }
            List<Row> rejects = new ArrayList<>();
            int reason = schema.fieldIndex("reason");
            int detail = schema.fieldIndex("detail");
            int url = schema.fieldIndex("url");
            for (Row r : outcomes) {
                if (OutcomeRows.REJECT.equals(r.getString(kind))) {
                    rejects.add(RowFactory.create(r.get(source), r.get(offset), r.get(url), r.get(reason),
                            r.get(detail), config.runId()));
                }
            }
            for (Row d : losers.duplicates()) {
                rejects.add(RowFactory.create(d.get(0), d.get(1), d.get(2), d.get(3), d.get(4), config.runId()));
            }
            Set<LocalDate> changedDays = new TreeSet<>(days);
            Set<String> undatedLeaving = new TreeSet<>();
            for (Row row : OnDriver.concat(losers.displaced(), reclustered)) {
                Date day = row.getDate(row.fieldIndex("published_date"));
                if (day == null) {
                    undatedLeaving.add(row.getString(0));
                } else {
                    changedDays.add(day.toLocalDate());
                }
            }
            return new Merged(tally, dated, undated, rejects, tally.rejectsWith(losers.newRejects()),
                    losers.displaced(), reclustered, changedDays, undatedLeaving);
        }

        /**
         * One stored articles file's narrow columns: its articles, whether it holds one of {@code docIds}, and the
         * band keys among {@code sortedKeys} that each cluster's members in it have.
         */
        private Scanned scan(Path file, TableSpec table, Set<String> docIds, long[] sortedKeys) {
            LshBands bands = LshBands.standard();
            List<StoredDoc> docs = new ArrayList<>();
            Map<String, Set<Long>> keysByCluster = new HashMap<>();
            boolean[] rival = {false};
            LocalTables.forEachRow(file, table, limits.settings(), r -> {
                String id = r.getUTF8String(0).toString();
                StoredDoc doc = new StoredDoc(id, r.getUTF8String(1).toString(), r.getArray(2).toIntArray(),
                        firstSeen(r.isNullAt(3) ? null : r.getLong(3), r.isNullAt(4) ? null : r.getInt(4),
                                r.isNullAt(5) ? null : r.getLong(5)),
                        r.isNullAt(4) ? null : Date.valueOf(LocalDate.ofEpochDay(r.getInt(4))));
                docs.add(doc);
                rival[0] |= docIds.contains(id);
                for (long k : bands.sharedKeys(doc.signature(), sortedKeys)) {
                    keysByCluster.computeIfAbsent(doc.clusterId(), c -> new HashSet<>()).add(k);
                }
            }, "doc_id", "cluster_id", "minhash", "published_at", "published_date", "fetched_at");
            return new Scanned(file, docs, rival[0], keysByCluster);
        }

        /**
         * The stored rows the changed days' tables are made from: their articles and mentions, and the rows the
         * series need around them ({@link IncrementalSeries#storedQueries}); null when more than the driver's limits.
         */
        Stored readStored(Merged merged) {
            Set<LocalDate> changed = merged.changedDays();
            if (changed.isEmpty()) {
                return new Stored(List.of(), List.of(), null);
            }
            List<Path> articleFiles = files(Tables.ARTICLES, changed);
            List<Path> mentionFiles = files(Tables.MENTIONS, changed);
            Set<LocalDate> periodDays = new TreeSet<>(SeriesDates.periodDays(changed));
            periodDays.removeAll(changed);
            List<Path> periodArticleFiles = files(Tables.ARTICLES, periodDays);
            List<Path> periodMentionFiles = files(Tables.MENTIONS, periodDays);
            long storedArticles = LocalTables.rowCount(articleFiles, limits.settings());
            long storedMentions = LocalTables.rowCount(mentionFiles, limits.settings());
            // The series count the periods' stored rows with the changed days' (tonight's mentions are not known
            // yet: counted on the driver whatever their number, since they are there already).
            long seriesRows = LocalTables.rowCount(periodArticleFiles, limits.settings())
                    + LocalTables.rowCount(periodMentionFiles, limits.settings()) + storedArticles + storedMentions
                    + merged.dated().size();
            if (storedArticles > limits.texts() || storedMentions > limits.mentionRows()
                    || seriesRows > limits.series()) {
                LOG.info("the changed days hold {} stored articles and {} mentions, their periods {} rows: more "
                        + "than a night without Spark takes", storedArticles, storedMentions, seriesRows);
                return null;
            }
            Set<LocalDate> context = new TreeSet<>(SeriesDates.context(changed));
            context.removeAll(changed);
            Set<LocalDate> weeks = IncrementalSeries.periodStarts(io.topicpulse.aggregate.Bucket.WEEK, changed);
            Set<LocalDate> months = IncrementalSeries.periodStarts(io.topicpulse.aggregate.Bucket.MONTH, changed);
            List<java.util.concurrent.Callable<List<Row>>> reads = List.of(
                    () -> LocalTables.read(articleFiles, Tables.ARTICLES, limits.settings(),
                            Tables.ARTICLES.columnNames()),
                    () -> LocalTables.read(mentionFiles, Tables.MENTIONS, limits.settings(),
                            Tables.MENTIONS.columnNames()),
                    () -> LocalTables.read(periodArticleFiles, Tables.ARTICLES, limits.settings(),
                            AggregateStage.Inputs.ARTICLE_COLUMN_NAMES),
                    () -> LocalTables.read(periodMentionFiles, Tables.MENTIONS, limits.settings(),
                            AggregateStage.Inputs.MENTION_COLUMN_NAMES),
                    () -> storedTotals(Tables.TOPIC_DAILY, context),
                    () -> storedTotals(Tables.TOPIC_BY_SOURCE_DAILY, context),
                    () -> keptPeriods(Tables.TOPIC_WEEKLY, "week_start", weeks),
                    () -> keptPeriods(Tables.TOPIC_MONTHLY, "month_start", months));
            List<List<Row>> read = OnDriver.inThreads(reads, limits.cores());
            return new Stored(read.get(0), read.get(1), read.subList(2, read.size()));
        }

        /** A daily series table's counts on some days, as {@link AggregateStage#storedTotals} gives them. */
        private List<Row> storedTotals(TableSpec daily, Set<LocalDate> days) {
            String[] columns = AggregateStage.totalsSchema(SeriesRows.perHost(daily)).fieldNames();
            for (int i = 0; i < columns.length; i++) {
                if (columns[i].equals("period")) {
                    columns[i] = "date";
                }
            }
            return LocalTables.read(files(daily, days), daily, limits.settings(), columns);
        }

        /** The stored weekly or monthly rows of the periods not starting on one of {@code starts}. */
        private List<Row> keptPeriods(TableSpec table, String startColumn, Set<LocalDate> starts) {
            int start = table.sparkSchema().fieldIndex(startColumn);
            List<Row> kept = new ArrayList<>();
            for (Row r : LocalTables.read(files(table, null), table, limits.settings(), table.columnNames())) {
                if (!starts.contains(r.getDate(start).toLocalDate())) {
                    kept.add(r);
                }
            }
            return kept;
        }

        /** Stages the changed days' articles, mentions, term_daily and series, undated articles and rejects. */
        void stage(Merged merged, Stored stored) {
            Set<LocalDate> changed = merged.changedDays();
            Set<String> goneIds = new HashSet<>();
            merged.displaced().forEach(row -> goneIds.add(row.getString(0)));
            Map<String, String> newClusters = new HashMap<>();
            merged.reclustered().forEach(row -> newClusters.put(row.getString(0), row.getString(1)));
            if (!changed.isEmpty()) {
                Set<String> changedPartitions = SeriesDates.partitions(changed);
                List<Row> staying = NightlyJob.refreshed(stored.articles(), Tables.ARTICLES, goneIds, newClusters);
                List<Row> articleRows = OnDriver.concat(staying, merged.dated());
                CompletableFuture<Void> articlesStaged = OnDriver.start(
                        () -> write(Tables.ARTICLES, articleRows));
                CompletableFuture<TermTotals> stayingTerms = OnDriver.start(() -> AggregateStage.termTotals(
                        NightlyJob.columns(staying, Tables.ARTICLES, "date", "title", "text"), limits.cores()));
                CompletableFuture<Void> seriesStaged = null;
                Map<TableSpec, Set<String>> replaced = new LinkedHashMap<>();
                try {
                    TopicsStage.Matched matched = TopicsStage.mentionsAndTerms(limits.cores(),
                            NightlyJob.columns(merged.dated(), Tables.ARTICLES, TopicsStage.INPUT_NAMES),
                            new TopicMatcher(config.lexicon()));
                    List<Row> storedMentions = stored.mentions();
                    List<Row> mentions = OnDriver.concat(NightlyJob.refreshed(storedMentions, Tables.MENTIONS, goneIds,
                            newClusters), matched.mentionRows());
                    stagedMentionChange = NightlyJob.countSum(mentions) - NightlyJob.countSum(storedMentions);
                    IncrementalSeries.Rows series = IncrementalSeries.onDriverRows(stored.series(),
                            NightlyJob.columns(articleRows, Tables.ARTICLES,
                                    AggregateStage.Inputs.ARTICLE_COLUMN_NAMES),
                            NightlyJob.columns(mentions, Tables.MENTIONS, AggregateStage.Inputs.MENTION_COLUMN_NAMES),
                            changed, config.lexicon().topics().stream().map(Lexicon.Topic::name).toList(),
                            config.lexicon().contentHash(), Long.MAX_VALUE);
                    Map<TableSpec, List<Row>> tables = new LinkedHashMap<>();
                    tables.put(Tables.MENTIONS, mentions);
                    replaced.put(Tables.MENTIONS, changedPartitions);
                    tables.putAll(series.tables());
                    replaced.putAll(series.partitions());
                    replaced.put(Tables.TERM_DAILY, changedPartitions);
                    seriesStaged = OnDriver.start(() -> tables.forEach(this::write));
                    TermTotals terms = matched.terms();
                    terms.addAll(OnDriver.await(stayingTerms));
                    write(Tables.TERM_DAILY, AggregateStage.termDailyRows(terms, config.minTermCount()));
                    OnDriver.await(seriesStaged);
                    OnDriver.await(articlesStaged);
                } finally {
                    OnDriver.settle(articlesStaged, stayingTerms, seriesStaged);
                }
                changes.staged(Tables.ARTICLES, changedPartitions);
                replaced.forEach(changes::staged);
            }
            Set<String> leaving = merged.undatedLeaving();
            int undatedDocId = Tables.ARTICLES_UNDATED.sparkSchema().fieldIndex("doc_id");
            append(Tables.ARTICLES_UNDATED, merged.undated(), !merged.undated().isEmpty(), leaving,
                    row -> leaving.contains(row.getString(undatedDocId)),
                    rows -> NightlyJob.refreshed(rows, Tables.ARTICLES_UNDATED, goneIds, newClusters));
            long rejectCount = merged.rejectsByReason().values().stream().mapToLong(Long::longValue).sum();
            append(Tables.REJECTS, merged.rejects(), rejectCount + merged.displaced().size() > 0, Set.of(), null,
                    null);
        }

        /**
         * Stages an unpartitioned table as the published one plus {@code added}, as {@code NightlyJob}'s append
         * does: published files holding a row {@code affected} selects are rewritten through {@code revise}; the
         * small files are rewritten into one when they would reach the compaction's count.
         */
        void append(TableSpec table, List<Row> added, boolean hasRows, Set<String> affectedIds,
                    java.util.function.Predicate<Row> affected,
                    java.util.function.UnaryOperator<List<Row>> revise) {
            Path published = published(table);
            List<String> rootFiles = changes.rootFiles(table);
            Set<String> affectedFiles = new TreeSet<>();
            if (affected != null && !affectedIds.isEmpty()) {
                for (String name : rootFiles) {
                    for (Row r : LocalTables.read(List.of(published.resolve(name)), table, limits.settings(),
                            table.columnNames())) {
                        if (affected.test(r)) {
                            affectedFiles.add(name);
                            break;
                        }
                    }
                }
            }
            StagedChanges.Append append = changes.append(table, published, affectedFiles, hasRows, compaction);
            if (append == null) {
                return;
            }
            List<Row> rows = new ArrayList<>(added);
            if (!append.rewritten().isEmpty()) {
                List<Row> earlier = LocalTables.read(append.rewritten().stream().map(published::resolve).toList(),
                        table, limits.settings(), table.columnNames());
                rows.addAll(revise == null ? earlier : revise.apply(earlier));
            }
            write(table, rows);
            changes.appended(table, append.rewritten());
        }

        /** Every table exists after any night, empty until it has rows, as after a full run. */
        void createMissingTables() {
            for (TableSpec table : Tables.ALL) {
                if (table == Tables.RUN_STATS || !changes.allPartitionsReplaced(table)) {
                    continue;
                }
                Path path = staging.tablePath(table.name());
                if (!hasDataFiles(path)) {
                    LocalTables.writeEmpty(table, path, limits.settings());
                    changes.staged(table, null);
                }
            }
        }

        /** The mentions' total: the snapshot's with tonight's change, as NightlyJob#mentionTotal. */
        long mentionTotal() {
            long recorded = Long.parseLong(previous.manifest().properties().get(NightlyJob.MENTIONS_PROPERTY));
            // Tonight's mentions replace exactly the stored ones of the changed days, whose sum it took away.
            return stagedMentionChange == null ? recorded : recorded + stagedMentionChange;
        }

        /** Writes a table's rows into the staging folder, replacing what tonight staged of it before. */
        private void write(TableSpec table, List<Row> rows) {
            long t = System.nanoTime();
            LocalTables.write(rows, table, staging.tablePath(table.name()), limits.settings());
            LOG.info("write {} in {} s", table.name(), PipelineJob.secondsSince(t));
        }

        private Path published(TableSpec table) {
            return previous.tablePath(table.name());
        }

        private Map<String, List<String>> publishedFiles(TableSpec table) {
            return publishedFiles.computeIfAbsent(table.name(), name -> {
                try {
                    return SnapshotStore.dataFilesByPartition(published(table));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + published(table), e);
                }
            });
        }

        /** The published data files of a table on these days (all when null). */
        private List<Path> files(TableSpec table, Set<LocalDate> days) {
            return LocalTables.files(published(table), publishedFiles(table), days);
        }
    }

    /** What {@link Night#scan} found in one file. */
    private record Scanned(Path file, List<StoredDoc> docs, boolean rival, Map<String, Set<Long>> keysByCluster) {
    }

    /** A stored article as the merge sees it: its narrow columns. */
    private record StoredDoc(String docId, String clusterId, int[] signature, long firstSeen, Date publishedDate) {
    }

    /** {@link ExtractStage#firstSeen} of an outcome row. */
    private static long firstSeen(Row record) {
        StructType schema = OutcomeRows.SCHEMA;
        Timestamp publishedAt = record.getTimestamp(schema.fieldIndex("published_at"));
        Date publishedDate = record.getDate(schema.fieldIndex("published_date"));
        Timestamp fetchedAt = record.getTimestamp(schema.fieldIndex("fetched_at"));
        return firstSeen(publishedAt == null ? null : micros(publishedAt),
                publishedDate == null ? null : (int) publishedDate.toLocalDate().toEpochDay(),
                fetchedAt == null ? null : micros(fetchedAt));
    }

    /**
     * {@link ExtractStage#firstSeen}, from Spark's internal values (microseconds, epoch days): the publication
     * instant's epoch second, else the publication day's midnight (UTC, the sessions' zone), else the fetch's;
     * {@link Long#MAX_VALUE} when none is known.
     */
    static long firstSeen(Long publishedAtMicros, Integer publishedEpochDay, Long fetchedAtMicros) {
        if (publishedAtMicros != null) {
            return Math.floorDiv(publishedAtMicros, 1_000_000L);
        }
        if (publishedEpochDay != null) {
            return publishedEpochDay * 86_400L;
        }
        if (fetchedAtMicros != null) {
            return Math.floorDiv(fetchedAtMicros, 1_000_000L);
        }
        return Long.MAX_VALUE;
    }

    private static long micros(Timestamp t) {
        return org.apache.spark.sql.catalyst.util.DateTimeUtils.fromJavaTimestamp(t);
    }

    /** Tonight's article as the articles (or articles_undated) table holds it. */
    private static Row articleRow(Row record, TableSpec table, String cluster, String runId) {
        StructType schema = table.sparkSchema();
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            String name = schema.fields()[i].name();
            values[i] = switch (name) {
                case "cluster_id" -> cluster;
                case "run_id" -> runId;
                case "date" -> record.get(OutcomeRows.SCHEMA.fieldIndex("published_date"));
                default -> record.get(OutcomeRows.SCHEMA.fieldIndex(name));
            };
        }
        return new GenericRowWithSchema(values, schema);
    }

    private static Object[] values(Row row) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return values;
    }

    private static boolean hasDataFiles(Path table) {
        try {
            return Files.isDirectory(table) && !SnapshotStore.dataFilesByPartition(table).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + table, e);
        }
    }
}
