package io.topicpulse.report;

import io.topicpulse.aggregate.Rates;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, already reduced to per-day and per-spike figures: what {@link ReportWriter} renders.
 *
 * @param from        first day shown
 * @param until       last day shown
 * @param topics      one series per topic, in the order asked for
 * @param spikes      the spike days of those topics in the period, strongest first (capped)
 * @param spikeCount  spike days in the period before the cap
 * @param details     what stands behind the strongest spikes: KWIC lines and rising terms
 * @param health      the latest run, or null when run_stats has no row
 * @param notes       warnings for the reader (a lexicon that differs from the tables', caps that applied)
 * @param generatedAt when the report was made
 */
public record Report(LocalDate from, LocalDate until, List<TopicSeries> topics, List<Spike> spikes, int spikeCount,
                     List<SpikeDetail> details, RunHealth health, List<String> notes, Instant generatedAt) {

    public Report {
        topics = List.copyOf(topics);
        spikes = List.copyOf(spikes);
        details = List.copyOf(details);
        notes = List.copyOf(notes);
    }

    /**
     * One day of a topic, as topic_daily has it.
     *
     * @param weakDateShare share of the mentioning articles dated from the URL or the text, or null
     */
    public record Day(LocalDate date, long mentions, long articlesMentioning, long articlesTotal, long tokensTotal,
                      Double perMillion, long mentionsDedup, Double ma7, Double zscore, boolean spike,
                      Double weakDateShare) {

        /** True when most of the day's mentioning articles carry a weak date (URL path or text). */
        public boolean mostlyWeakDates() {
            return weakDateShare != null && weakDateShare > 0.5;
        }
    }

    /** A topic's days in the period, in date order (days without dated articles are absent). */
    public record TopicSeries(String topic, List<Day> days) {
        public TopicSeries {
            days = List.copyOf(days);
        }
    }

    /**
     * A spike day of a topic.
     *
     * @param baselinePerMillion median mentions per million over the 28 days before, or null with no such days
     * @param expectedMentions   the baseline rate applied to the day's tokens
     * @param topSources         the hosts with the most mentions that day, biggest first
     * @param duplicateShare     share of the mentions that are near-duplicate copies (1 - dedup / all)
     */
    public record Spike(LocalDate date, String topic, Double zscore, long mentions, Double perMillion,
                        Double baselinePerMillion, Double expectedMentions, List<SourceShare> topSources,
                        Double duplicateShare) {
        public Spike {
            topSources = List.copyOf(topSources);
        }
    }

    /** A host's mentions of a topic on a day and its share of all. */
    public record SourceShare(String host, long mentions, double share) {
    }

    /**
     * What stands behind a spike.
     *
     * @param articlesMentioning articles mentioning the topic that day (all copies included)
     * @param kwic               one entry per near-duplicate cluster shown, most mentions first (capped)
     * @param rising             the words and phrases that rose most that day against the 28 days before
     */
    public record SpikeDetail(Spike spike, long articlesMentioning, List<KwicEntry> kwic, List<RisingTerm> rising) {
        public SpikeDetail {
            kwic = List.copyOf(kwic);
            rising = List.copyOf(rising);
        }
    }

    /**
     * An article's keyword-in-context lines, standing for its near-duplicate copies too.
     *
     * @param copies    other articles of its near-duplicate cluster that mention the topic that day
     * @param copyHosts hosts of those copies, distinct
     */
    public record KwicEntry(LocalDate date, String host, String url, String title, List<String> authors,
                            List<Snippet> snippets, int copies, List<String> copyHosts) {
        public KwicEntry {
            authors = authors == null ? List.of() : authors.stream().filter(a -> a != null).toList();
            snippets = List.copyOf(snippets);
            copyHosts = List.copyOf(copyHosts);
        }
    }

    /**
     * A term that rose on a spike day.
     *
     * @param count          occurrences that day
     * @param baselineCount  occurrences over the baseline days
     * @param ratio          rate that day over the baseline rate (per token, smoothed)
     */
    public record RisingTerm(String term, long count, long baselineCount, double ratio) {
    }

    /**
     * The latest run and the state of the articles table.
     *
     * @param weakDated   dated articles whose date came from the URL or the text
     * @param datedTotal  dated articles in the table
     */
    public record RunHealth(String runId, String command, Instant startedAt, Instant finishedAt, long inputFiles,
                            long inputRecords, long articles, long articlesDated, long articlesUndated, long rejects,
                            Map<String, Long> rejectsByReason, long weakDated, long datedTotal) {
        public RunHealth {
            rejectsByReason = Map.copyOf(rejectsByReason);
        }

        /** Undated articles of the run over all its articles, or null. */
        public Double undatedShare() {
            return Rates.share(articlesUndated, articles);
        }

        /** Weakly dated articles of the table over its dated articles, or null. */
        public Double weakDateShare() {
            return Rates.share(weakDated, datedTotal);
        }
    }
}
