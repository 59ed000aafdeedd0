package io.topicpulse.jobs;

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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

/**
 * The pipeline job: runs the configured stages into a staged snapshot and publishes it atomically, with a
 * run_stats row whose accounting must add up.
 */
public final class PipelineJob {

    /** Bumped whenever extraction output changes meaning; recorded in run_stats and the manifest. */
    public static final String EXTRACTOR_VERSION = "4";

    private static final Logger LOG = LoggerFactory.getLogger(PipelineJob.class);

    private PipelineJob() {
    }

    /** What a finished run reports. */
    public record Outcome(String runId, Snapshot snapshot, Map<String, Object> stats) {
    }

    public static Outcome run(SparkSession spark, PipelineConfig config) throws IOException {
        Instant started = Instant.now();
        SnapshotStore store = SnapshotStore.open(config.output());
        try (RunLock lock = RunLock.acquire(config.output(), "topicpulse " + config.command() + " " + config.runId())) {
            Optional<Snapshot> previous = store.current();
            Staging staging = store.beginStaging(lock, config.runId());
            Map<String, Double> seconds = new LinkedHashMap<>();
            Set<String> rewritten = new LinkedHashSet<>();
            Map<String, Object> stats = new LinkedHashMap<>();
            long inputRecords = 0;
            long articlesDated = 0;
            long articlesUndated = 0;
            Map<String, Long> rejectsByReason = new TreeMap<>();
            Map<String, Long> skipped = new TreeMap<>();
            Map<String, Long> warnings = new TreeMap<>();
            boolean accountingOk = true;

            if (config.stages().contains(Stage.EXTRACT)) {
                long t = System.nanoTime();
                ExtractStage.Result r = ExtractStage.run(spark, config.inputFiles(), config.runId(), null, null,
                        config.minDateConfidence());
                write(r.articles(), Tables.ARTICLES, staging, rewritten);
                write(r.undated(), Tables.ARTICLES_UNDATED, staging, rewritten);
                write(r.rejects(), Tables.REJECTS, staging, rewritten);
                inputRecords = r.inputRecords();
                articlesDated = r.articlesDated();
                articlesUndated = r.articlesUndated();
                rejectsByReason.putAll(r.rejectsByReason());
                skipped.putAll(r.skippedRecords());
                warnings.putAll(r.readWarnings());
                accountingOk = r.accountingOk();
                seconds.put("extract", secondsSince(t));
                spark.sqlContext().clearCache();
            }
            String articlesPath = path(config, Tables.ARTICLES, staging, previous, rewritten);
            long mentionCount = 0;
            if (config.stages().contains(Stage.TOPICS)) {
                long t = System.nanoTime();
                Dataset<Row> articles = TableIO.read(spark, Tables.ARTICLES, articlesPath);
                write(TopicsStage.mentions(spark, articles, new TopicMatcher(config.lexicon())), Tables.MENTIONS,
                        staging, rewritten);
                seconds.put("topics", secondsSince(t));
            }
            String mentionsPath = path(config, Tables.MENTIONS, staging, previous, rewritten);
            if (config.stages().contains(Stage.AGGREGATE)) {
                long t = System.nanoTime();
                Dataset<Row> articles = TableIO.read(spark, Tables.ARTICLES, articlesPath);
                Dataset<Row> mentions = TableIO.read(spark, Tables.MENTIONS, mentionsPath);
                List<String> topics = config.lexicon().topics().stream().map(Lexicon.Topic::name).toList();
                AggregateStage.Result r = AggregateStage.run(articles, mentions, topics,
                        config.lexicon().contentHash(), config.minTermCount());
                for (Map.Entry<TableSpec, Dataset<Row>> e : r.tables().entrySet()) {
                    write(e.getValue(), e.getKey(), staging, rewritten);
                }
                spark.sqlContext().clearCache();
                seconds.put("aggregate", secondsSince(t));
            }
            Row mentionTotal = TableIO.read(spark, Tables.MENTIONS, mentionsPath).agg(sum(col("count"))).first();
            mentionCount = mentionTotal.isNullAt(0) ? 0 : mentionTotal.getLong(0);

            Instant finished = Instant.now();
            long rejects = rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
            Map<String, String> versions = versions(spark, config.lexicon());
            Row statsRow = RowFactory.create(config.runId(), config.command(), Timestamp.from(started),
                    Timestamp.from(finished), seq(config.inputPaths()), (long) config.inputFiles().size(),
                    (long) config.ignoredFiles().size(), inputRecords, articlesDated + articlesUndated, articlesDated,
                    articlesUndated, rejects, scalaMap(rejectsByReason), scalaMap(skipped), scalaMap(warnings), mentionCount,
                    scalaMap(seconds), scalaMap(versions), accountingOk);
            write(runStatsHistory(spark, statsRow, previous), Tables.RUN_STATS, staging, rewritten);

            stats.put("input_files", config.inputFiles().size());
            stats.put("input_records", inputRecords);
            stats.put("articles_dated", articlesDated);
            stats.put("articles_undated", articlesUndated);
            stats.put("rejects", rejectsByReason);
            stats.put("skipped_records", skipped);
            stats.put("read_warnings", warnings);
            stats.put("mentions", mentionCount);
            stats.put("stage_seconds", seconds);
            logSummary(config, stats);
            if (!accountingOk) {
                throw new AccountingException("run " + config.runId() + ": " + inputRecords
                        + " input records but " + articlesDated + " + " + articlesUndated + " articles and " + rejects
                        + " rejects; nothing was published");
            }
            Manifest manifest = new Manifest(config.runId(), finished.toString(), manifestInputs(config, previous),
                    versions, Map.of("command", config.command(), NightlyJob.MENTIONS_PROPERTY,
                    String.valueOf(mentionCount)));
            Snapshot snapshot = store.publish(lock, staging, manifest, rewritten, Map.of());
            LOG.info("published {} as {}", config.output(), snapshot.name());
            return new Outcome(config.runId(), snapshot, stats);
        }
    }

    /** Thrown when input records and outputs do not add up: the run is not published. */
    public static final class AccountingException extends IllegalStateException {
        public AccountingException(String message) {
            super(message);
        }
    }

    /** The earlier snapshot's run_stats rows (the run history is kept) followed by this run's row. */
    static Dataset<Row> runStatsHistory(SparkSession spark, Row statsRow, Optional<Snapshot> previous) {
        Dataset<Row> runStats = spark.createDataFrame(List.of(statsRow), Tables.RUN_STATS.sparkSchema());
        if (previous.isPresent() && previous.get().tablePath(Tables.RUN_STATS.name()).toFile().isDirectory()) {
            runStats = TableIO.read(spark, Tables.RUN_STATS,
                    previous.get().tablePath(Tables.RUN_STATS.name()).toString()).unionByName(runStats);
        }
        return runStats.coalesce(1);
    }

    private static void write(Dataset<Row> rows, TableSpec table, Staging staging, Set<String> rewritten) {
        long t = System.nanoTime();
        TableIO.write(rows, table, staging.tablePath(table.name()).toString());
        rewritten.add(table.name());
        LOG.info("wrote {} in {} s", table.name(), secondsSince(t));
    }

    /** Where a stage reads its input table: this run's staging when it wrote it, else the published snapshot. */
    private static String path(PipelineConfig config, TableSpec table, Staging staging, Optional<Snapshot> previous,
                               Set<String> rewritten) {
        if (rewritten.contains(table.name())) {
            return staging.tablePath(table.name()).toString();
        }
        Snapshot snapshot = previous.orElseThrow(() -> new IllegalStateException(config.command() + ": "
                + config.output() + " has no published " + table.name() + " table yet; run extract first"));
        return snapshot.tablePath(table.name()).toString();
    }

    private static List<Manifest.ProcessedFile> manifestInputs(PipelineConfig config, Optional<Snapshot> previous) {
        if (!config.stages().contains(Stage.EXTRACT)) {
            return previous.map(s -> s.manifest().inputs()).orElse(List.of());
        }
        List<Manifest.ProcessedFile> files = new ArrayList<>();
        for (InputFile f : config.inputFiles()) {
            files.add(new Manifest.ProcessedFile(f.uri(), f.size(), f.modificationTime(), null));
        }
        return files;
    }

    static Map<String, String> versions(SparkSession spark, Lexicon lexicon) {
        return versions(spark.version(), lexicon);
    }

    /** The versions a run records, with Spark's given (a night without a session takes the library's). */
    static Map<String, String> versions(String sparkVersion, Lexicon lexicon) {
        Map<String, String> v = new TreeMap<>();
        v.put("topicpulse", Versions.TOPICPULSE);
        v.put("extractor", EXTRACTOR_VERSION);
        v.put("spark", sparkVersion);
        v.put("java", System.getProperty("java.version"));
        v.put("lexicon_hash", lexicon.contentHash());
        if (lexicon.version() != null) {
            v.put("lexicon_version", lexicon.version());
        }
        v.put("lexicon_source", String.valueOf(lexicon.source()));
        return v;
    }

    private static void logSummary(PipelineConfig config, Map<String, Object> stats) {
        LOG.info("run {} ({}) summary: {}", config.runId(), config.command(), stats.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
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
