package io.topicpulse.report;

import io.topicpulse.aggregate.Rates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The figures of a spike row: its baseline, the expected mentions, the top sources and the duplicate share. */
public final class SpikeFigures {

    /** Days before a spike its baseline looks at, as topic_daily's z-score does. */
    public static final int BASELINE_DAYS = 28;
    /** Hosts listed per spike. */
    public static final int TOP_SOURCES = 3;

    private SpikeFigures() {
    }

    /**
     * The spike days of a series, each with its figures.
     *
     * @param mentionsByHost for each spike day of this topic, mentions per host (missing: no sources shown)
     */
    public static List<Report.Spike> spikes(Report.TopicSeries series, Map<LocalDate, Map<String, Long>> mentionsByHost) {
        List<Report.Spike> out = new ArrayList<>();
        List<Report.Day> days = series.days();
        for (int i = 0; i < days.size(); i++) {
            Report.Day d = days.get(i);
            if (!d.spike()) {
                continue;
            }
            Double baseline = baselinePerMillion(days, i);
            Double expected = baseline == null ? null : baseline * d.tokensTotal() / 1e6;
            Double duplicates = d.mentions() == 0 ? null : 1.0 - (double) d.mentionsDedup() / d.mentions();
            out.add(new Report.Spike(d.date(), series.topic(), d.zscore(), d.mentions(), d.perMillion(), baseline,
                    expected, topSources(mentionsByHost.getOrDefault(d.date(), Map.of())), duplicates));
        }
        return out;
    }

    /** The median mentions per million of the days in the {@value #BASELINE_DAYS} days before day {@code i}. */
    static Double baselinePerMillion(List<Report.Day> days, int i) {
        LocalDate first = days.get(i).date().minusDays(BASELINE_DAYS);
        double[] rates = new double[BASELINE_DAYS];
        int n = 0;
        for (int j = i - 1; j >= 0 && !days.get(j).date().isBefore(first); j--) {
            Double rate = days.get(j).perMillion();
            if (rate != null) {
                rates[n++] = rate;
            }
        }
        if (n == 0) {
            return null;
        }
        double[] sorted = Arrays.copyOf(rates, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The biggest hosts by mentions with their share of all the day's mentions; ties by name. */
    static List<Report.SourceShare> topSources(Map<String, Long> mentionsByHost) {
        long all = mentionsByHost.values().stream().mapToLong(Long::longValue).sum();
        return mentionsByHost.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_SOURCES)
                .map(e -> new Report.SourceShare(e.getKey(), e.getValue(), Rates.share(e.getValue(), all)))
                .toList();
    }

    /** Strongest first: by z-score, then mentions, then the later day. */
    public static final Comparator<Report.Spike> STRONGEST_FIRST = Comparator
            .comparing((Report.Spike s) -> s.zscore() == null ? Double.NEGATIVE_INFINITY : s.zscore()).reversed()
            .thenComparing(Comparator.comparingLong(Report.Spike::mentions).reversed())
            .thenComparing(Report.Spike::date, Comparator.reverseOrder())
            .thenComparing(Report.Spike::topic);
}
