package io.topicpulse.report;

import io.topicpulse.aggregate.SourceAudit;
import io.topicpulse.table.Tables;
import io.topicpulse.topics.Lexicon;
import io.topicpulse.topics.TermCounter;
import io.topicpulse.topics.TopicMatcher;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;

/**
 * Loads the few rows a report needs: topic_daily for the period, the per-host mentions of spike days, the KWIC
 * articles of the strongest spikes (a capped few) and term counts around them, and the latest run. No article text
 * reaches the driver except the capped KWIC articles.
 */
public final class ReportData {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportData.class);

    /** Spike rows listed, strongest first. */
    public static final int MAX_SPIKES = 40;
    /** Spikes with KWIC lines and rising terms. */
    public static final int MAX_DETAILS = 12;
    /** Near-duplicate clusters shown per spike. */
    public static final int KWIC_PER_SPIKE = 6;
    /** Lines per article. */
    public static final int SNIPPETS_PER_ARTICLE = 3;
    /** Rising terms per spike. */
    public static final int RISING_TERMS = 12;
    /** Candidate terms per spike day, the most frequent that day, before they are scored. */
    private static final int RISING_CANDIDATES = 300;

    private ReportData() {
    }

    /** The report's content. */
    public static Report load(TableSource tables, ReportConfig config, Instant now) {
        // Run health needs nothing else the report reads: its two small jobs run beside the others.
        java.util.concurrent.CompletableFuture<Report.RunHealth> health =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> health(tables));
        List<String> notes = new ArrayList<>();
        Dataset<Row> daily = tables.read(Tables.TOPIC_DAILY);
        if (config.from() != null) {
            // The days before the period are read too: a spike's baseline looks back 28 days.
            daily = daily.filter(col("date").geq(lit(Date.valueOf(config.from()
                    .minusDays(SpikeFigures.BASELINE_DAYS)))));
        }
        if (config.until() != null) {
            daily = daily.filter(col("date").leq(lit(Date.valueOf(config.until()))));
        }
        if (!config.topics().isEmpty()) {
            daily = daily.filter(col("topic").isin(config.topics().toArray()));
        }
        long t0 = System.nanoTime();
        List<Row> rows = daily.select("topic", "date", "mentions", "articles_mentioning", "articles_total",
                "tokens_total", "mentions_per_million", "mentions_dedup", "ma7", "zscore", "spike",
                "weak_date_share", "lexicon_hash").collectAsList();
        Map<String, List<Report.Day>> byTopic = new HashMap<>();
        Map<LocalDate, Long> tokensByDay = new HashMap<>();
        Set<String> hashes = new TreeSet<>();
        for (Row r : rows) {
            Report.Day d = new Report.Day(r.getDate(1).toLocalDate(), r.getLong(2), r.getLong(3), r.getLong(4),
                    r.getLong(5), doubleOrNull(r, 6), r.getLong(7), doubleOrNull(r, 8), doubleOrNull(r, 9),
                    r.getBoolean(10), doubleOrNull(r, 11));
            byTopic.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(d);
            tokensByDay.put(d.date(), d.tokensTotal());
            hashes.add(r.getString(12));
        }
        List<String> topicNames = new ArrayList<>(config.topics());
        if (topicNames.isEmpty()) {
            topicNames.addAll(new TreeSet<>(byTopic.keySet()));
        }
        for (String topic : topicNames) {
            if (!byTopic.containsKey(topic)) {
                throw new IllegalArgumentException("--topic " + topic + ": no rows in topic_daily"
                        + (config.from() != null || config.until() != null ? " in the period" : ""));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("topic_daily has no rows" + (config.from() != null
                    || config.until() != null ? " in the period" : "") + ": nothing to report");
        }
        if (!hashes.equals(Set.of(config.lexicon().contentHash()))) {
            notes.add("The lexicon given (" + config.lexicon().source() + ") is not the one the tables were counted "
                    + "with: the highlighted words may differ from what was counted. Pass the run's --lexicon.");
        }
        LocalDate first = rows.stream().map(r -> r.getDate(1).toLocalDate()).min(Comparator.naturalOrder()).get();
        LocalDate last = rows.stream().map(r -> r.getDate(1).toLocalDate()).max(Comparator.naturalOrder()).get();
        LocalDate from = config.from() != null ? config.from() : first;
        LocalDate until = config.until() != null ? config.until() : last;

        List<Report.TopicSeries> withBaseline = new ArrayList<>();
        for (String topic : topicNames) {
            List<Report.Day> days = byTopic.get(topic);
            days.sort(Comparator.comparing(Report.Day::date));
            withBaseline.add(new Report.TopicSeries(topic, days));
        }
        LOG.info("report: topic_daily {} rows in {} s", rows.size(), seconds(t0));
        t0 = System.nanoTime();
        Map<String, Map<LocalDate, Map<String, Long>>> hosts = spikeHosts(tables, withBaseline, from);
        LOG.info("report: sources of spike days in {} s", seconds(t0));
        List<Report.Spike> spikes = new ArrayList<>();
        List<Report.TopicSeries> series = new ArrayList<>();
        for (Report.TopicSeries s : withBaseline) {
            for (Report.Spike spike : SpikeFigures.spikes(s, hosts.getOrDefault(s.topic(), Map.of()))) {
                if (!spike.date().isBefore(from)) {
                    spikes.add(spike);
                }
            }
            series.add(new Report.TopicSeries(s.topic(),
                    s.days().stream().filter(d -> !d.date().isBefore(from)).toList()));
        }
        spikes.sort(SpikeFigures.STRONGEST_FIRST);
        int spikeCount = spikes.size();
        List<Report.Spike> listed = spikes.subList(0, Math.min(MAX_SPIKES, spikes.size()));
        List<Report.Spike> detailed = listed.subList(0, Math.min(MAX_DETAILS, listed.size()));
        t0 = System.nanoTime();
        List<Report.SpikeDetail> details = details(tables, config.lexicon(), detailed, tokensByDay, notes);
        LOG.info("report: KWIC and rising terms of {} spikes in {} s", detailed.size(), seconds(t0));
        t0 = System.nanoTime();
        Report.RunHealth latest = health.join();
        LOG.info("report: waited {} s for run health", seconds(t0));
        return new Report(from, until, series, listed, spikeCount, details, latest, notes, now);
    }

    /** Mentions per host on each spike day, per topic. */
    private static Map<String, Map<LocalDate, Map<String, Long>>> spikeHosts(TableSource tables,
                                                                          List<Report.TopicSeries> series,
                                                                          LocalDate from) {
        Set<String> keys = new HashSet<>();
        Set<Date> dates = new TreeSet<>();
        for (Report.TopicSeries s : series) {
            for (Report.Day d : s.days()) {
                if (d.spike() && !d.date().isBefore(from)) {
                    keys.add(s.topic() + "\n" + d.date());
                    dates.add(Date.valueOf(d.date()));
                }
            }
        }
        Map<String, Map<LocalDate, Map<String, Long>>> out = new HashMap<>();
        if (dates.isEmpty()) {
            return out;
        }
        Set<String> topics = new HashSet<>();
        keys.forEach(k -> topics.add(k.substring(0, k.indexOf('\n'))));
        for (Row r : tables.read(Tables.TOPIC_BY_SOURCE_DAILY)
                .filter(col("date").isin(dates.toArray()).and(col("topic").isin(topics.toArray()))
                        .and(col("mentions").gt(0)))
                .select("topic", "date", "host", "mentions").collectAsList()) {
            LocalDate date = r.getDate(1).toLocalDate();
            if (keys.contains(r.getString(0) + "\n" + date)) {
                out.computeIfAbsent(r.getString(0), k -> new HashMap<>())
                        .computeIfAbsent(date, k -> new HashMap<>()).put(r.getString(2), r.getLong(3));
            }
        }
        return out;
    }

    private static List<Report.SpikeDetail> details(TableSource tables, Lexicon lexicon,
                                                    List<Report.Spike> spikes, Map<LocalDate, Long> tokensByDay,
                                                    List<String> notes) {
        if (spikes.isEmpty()) {
            return List.of();
        }
        Object[] dates = spikes.stream().map(s -> Date.valueOf(s.date())).distinct().toArray();
        Object[] topics = spikes.stream().map(Report.Spike::topic).distinct().toArray();
        Map<String, List<KwicClusters.Mentioning>> mentioning = new HashMap<>();
        // A spike day's mention rows are few (its mentioning articles × terms): summed here, with no shuffle.
        Map<String, Map<String, KwicClusters.Mentioning>> byArticle = new HashMap<>();
        for (Row r : tables.read(Tables.MENTIONS).filter(col("date").isin(dates).and(col("topic").isin(topics)))
                .select("topic", "date", "doc_id", "cluster_id", "host", "count").collectAsList()) {
            byArticle.computeIfAbsent(r.getString(0) + "\n" + r.getDate(1).toLocalDate(), k -> new HashMap<>())
                    .merge(r.getString(2), new KwicClusters.Mentioning(r.getString(2), r.getString(3),
                            r.getString(4), r.getInt(5)), (a, b) -> new KwicClusters.Mentioning(a.docId(),
                            a.clusterId(), a.host(), a.mentions() + b.mentions()));
        }
        byArticle.forEach((key, articlesOfDay) -> mentioning.put(key, new ArrayList<>(articlesOfDay.values())));
        Map<Report.Spike, List<KwicClusters.Cluster>> shown = new LinkedHashMap<>();
        Set<String> docIds = new HashSet<>();
        for (Report.Spike s : spikes) {
            List<KwicClusters.Cluster> clusters = KwicClusters.of(
                    mentioning.getOrDefault(s.topic() + "\n" + s.date(), List.of()));
            clusters = clusters.subList(0, Math.min(KWIC_PER_SPIKE, clusters.size()));
            shown.put(s, clusters);
            clusters.forEach(c -> docIds.add(c.docId()));
        }
        Map<String, Row> articles = new HashMap<>();
        if (!docIds.isEmpty()) {
            for (Row r : tables.read(Tables.ARTICLES).filter(col("date").isin(dates)
                            .and(col("doc_id").isin(docIds.toArray())))
                    .select("doc_id", "date", "url", "host", "title", "text", "authors").collectAsList()) {
                articles.put(r.getString(0), r);
            }
        }
        Map<LocalDate, List<Report.RisingTerm>> noRising = new HashMap<>();
        Map<String, Map<LocalDate, List<Report.RisingTerm>>> rising = risingTerms(tables, lexicon, spikes,
                tokensByDay);
        TopicMatcher matcher = new TopicMatcher(lexicon);
        Set<String> lexiconTopics = new HashSet<>();
        lexicon.topics().forEach(t -> lexiconTopics.add(t.name()));
        List<Report.SpikeDetail> out = new ArrayList<>();
        for (Map.Entry<Report.Spike, List<KwicClusters.Cluster>> e : shown.entrySet()) {
            Report.Spike s = e.getKey();
            List<Report.KwicEntry> entries = new ArrayList<>();
            if (lexiconTopics.contains(s.topic())) {
                KwicFinder finder = new KwicFinder(matcher, s.topic());
                for (KwicClusters.Cluster c : e.getValue()) {
                    Row a = articles.get(c.docId());
                    if (a == null) {
                        continue;
                    }
                    List<Snippet> snippets = finder.find(a.getString(4), a.getString(5));
                    entries.add(new Report.KwicEntry(s.date(), a.getString(3), a.getString(2), a.getString(4),
                            a.getList(6), snippets.subList(0, Math.min(SNIPPETS_PER_ARTICLE, snippets.size())),
                            c.copies(), c.copyHosts()));
                }
            } else {
                notes.add("Topic '" + s.topic() + "' is not in the lexicon given: no KWIC lines for it.");
            }
            long articlesMentioning = mentioning.getOrDefault(s.topic() + "\n" + s.date(), List.of()).size();
            out.add(new Report.SpikeDetail(s, articlesMentioning, entries,
                    rising.getOrDefault(s.topic(), noRising).getOrDefault(s.date(), List.of())));
        }
        return out;
    }

    /** Per topic and spike day, the terms that rose most against the 28 days before. */
    private static Map<String, Map<LocalDate, List<Report.RisingTerm>>> risingTerms(
            TableSource tables, Lexicon lexicon, List<Report.Spike> spikes,
            Map<LocalDate, Long> tokensByDay) {
        Object[] dates = spikes.stream().map(s -> Date.valueOf(s.date())).distinct().toArray();
        Dataset<Row> terms = tables.read(Tables.TERM_DAILY);
        // Spike days' frequent terms, then their counts on the days before: plain filters, no shuffle.
        Map<LocalDate, Map<String, Long>> dayCounts = new HashMap<>();
        for (Row r : terms.filter(col("date").isin(dates).and(col("count").geq(RisingTerms.MIN_COUNT)))
                .select("date", "term", "count").collectAsList()) {
            dayCounts.computeIfAbsent(r.getDate(0).toLocalDate(), k -> new HashMap<>()).put(r.getString(1),
                    r.getLong(2));
        }
        Set<String> candidates = new HashSet<>();
        dayCounts.replaceAll((day, counts) -> {
            Map<String, Long> top = new HashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(RISING_CANDIDATES).forEach(e -> top.put(e.getKey(), e.getValue()));
            candidates.addAll(top.keySet());
            return top;
        });
        if (candidates.isEmpty()) {
            return Map.of();
        }
        Set<Date> baselineDays = new TreeSet<>();
        for (Report.Spike s : spikes) {
            for (int i = 1; i <= SpikeFigures.BASELINE_DAYS; i++) {
                baselineDays.add(Date.valueOf(s.date().minusDays(i)));
            }
        }
        Map<LocalDate, Map<String, Long>> byDay = new HashMap<>();
        for (Row r : terms.filter(col("date").isin(baselineDays.toArray()).and(col("term").isin(candidates.toArray())))
                .select("date", "term", "count").collectAsList()) {
            byDay.computeIfAbsent(r.getDate(0).toLocalDate(), k -> new HashMap<>()).put(r.getString(1), r.getLong(2));
        }
        Map<String, Long> baseline = new HashMap<>();
        for (Report.Spike s : spikes) {
            for (int i = 1; i <= SpikeFigures.BASELINE_DAYS; i++) {
                for (Map.Entry<String, Long> e : byDay.getOrDefault(s.date().minusDays(i), Map.of()).entrySet()) {
                    baseline.merge(s.date() + "\n" + e.getKey(), e.getValue(), Long::sum);
                }
            }
        }
        Map<String, Map<LocalDate, List<Report.RisingTerm>>> out = new HashMap<>();
        for (Report.Spike s : spikes) {
            LocalDate d = s.date();
            long baseTokens = 0;
            for (LocalDate b = d.minusDays(SpikeFigures.BASELINE_DAYS); b.isBefore(d); b = b.plusDays(1)) {
                baseTokens += tokensByDay.getOrDefault(b, 0L);
            }
            Map<String, Long> before = new HashMap<>();
            Map<String, Long> counts = dayCounts.getOrDefault(d, Map.of());
            counts.keySet().forEach(t -> before.put(t, baseline.getOrDefault(d + "\n" + t, 0L)));
            out.computeIfAbsent(s.topic(), k -> new HashMap<>()).put(d, RisingTerms.rank(counts,
                    tokensByDay.getOrDefault(d, 0L), before, baseTokens, ownTerms(lexicon, s.topic()), RISING_TERMS));
        }
        return out;
    }

    /** The words of the topic's own terms, folded as term_daily keys them. */
    static Set<String> ownTerms(Lexicon lexicon, String topic) {
        Set<String> own = new HashSet<>();
        for (Lexicon.Topic t : lexicon.topics()) {
            if (t.name().equals(topic)) {
                for (Lexicon.Term term : t.terms()) {
                    for (String form : term.forms()) {
                        own.addAll(List.of(TermCounter.key(form).split(" ")));
                    }
                }
            }
        }
        return own;
    }

    /** The latest run, and how many of the table's dated articles carry a weak date. */
    private static Report.RunHealth health(TableSource tables) {
        List<Row> latest = tables.read(Tables.RUN_STATS).orderBy(desc("finished_at")).limit(1).collectAsList();
        if (latest.isEmpty()) {
            return null;
        }
        long weak = 0;
        long dated = 0;
        // One row: the dated articles, and those whose date confidence is below the weak-date line.
        Row counts = tables.read(Tables.ARTICLES).agg(count(lit(1)).as("n"),
                org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(
                        org.apache.spark.sql.functions.col("date_confidence").isNull()
                                .or(org.apache.spark.sql.functions.col("date_confidence")
                                        .lt(SourceAudit.WEAK_DATE_CONFIDENCE)), 1).otherwise(0)).as("weak"))
                .first();
        dated = counts.getLong(0);
        weak = counts.isNullAt(1) ? 0 : counts.getLong(1);
        Row r = latest.get(0);
        Map<String, Long> rejects = new HashMap<>(r.getJavaMap(r.fieldIndex("rejects_by_reason")));
        return new Report.RunHealth(r.getString(r.fieldIndex("run_id")), r.getString(r.fieldIndex("command")),
                r.getTimestamp(r.fieldIndex("started_at")).toInstant(),
                r.getTimestamp(r.fieldIndex("finished_at")).toInstant(), r.getLong(r.fieldIndex("input_files")),
                r.getLong(r.fieldIndex("input_records")), r.getLong(r.fieldIndex("articles")),
                r.getLong(r.fieldIndex("articles_dated")), r.getLong(r.fieldIndex("articles_undated")),
                r.getLong(r.fieldIndex("rejects")), rejects, weak, dated);
    }

    private static String seconds(long since) {
        return String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - since) / 1e9);
    }

    private static Double doubleOrNull(Row r, int i) {
        return r.isNullAt(i) ? null : r.getDouble(i);
    }
}
