package io.topicpulse.report;

import io.topicpulse.aggregate.Bucket;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportFiguresTest {

    private static Report.Day day(LocalDate d, long mentions, long dedup, boolean spike) {
        return new Report.Day(d, mentions, mentions, 10, 1_000_000, (double) mentions, dedup, null, spike ? 9.0 : 0.0,
                spike, null);
    }

    @Test
    void givesASpikeItsMedianBaselineTopSourcesAndDuplicateShare() {
        LocalDate d = LocalDate.of(2024, 11, 13);
        List<Report.Day> days = new ArrayList<>();
        days.add(day(d.minusDays(40), 100, 100, false)); // outside the 28 days
        days.add(day(d.minusDays(3), 1, 1, false));
        days.add(day(d.minusDays(2), 2, 2, false));
        days.add(day(d.minusDays(1), 9, 9, false));
        days.add(day(d, 40, 30, true));
        Report.Spike s = SpikeFigures.spikes(new Report.TopicSeries("t", days),
                Map.of(d, Map.of("a", 20L, "b", 10L, "c", 6L, "d", 4L))).get(0);
        assertEquals(2.0, s.baselinePerMillion());
        assertEquals(2.0, s.expectedMentions());
        assertEquals(0.25, s.duplicateShare());
        assertEquals(List.of("a", "b", "c"), s.topSources().stream().map(Report.SourceShare::host).toList());
        assertEquals(0.5, s.topSources().get(0).share());
    }

    @Test
    void showsACopiedStoryOnceWithItsCopies() {
        List<KwicClusters.Cluster> clusters = KwicClusters.of(List.of(
                new KwicClusters.Mentioning("d1", "c1", "a.example", 2),
                new KwicClusters.Mentioning("d2", "c1", "b.example", 3),
                new KwicClusters.Mentioning("d3", "c1", "b.example", 1),
                new KwicClusters.Mentioning("d4", "d4", "a.example", 1)));
        assertEquals(2, clusters.size());
        assertEquals(new KwicClusters.Cluster("d2", 6, 2, List.of("a.example")), clusters.get(0));
        assertEquals(new KwicClusters.Cluster("d4", 1, 0, List.of()), clusters.get(1));
    }

    @Test
    void ranksRisingTermsByCountAndRiseLeavingOutTheTopicsOwn() {
        List<Report.RisingTerm> rising = RisingTerms.rank(
                Map.of("kardenia", 20L, "the", 500L, "sanctions", 30L, "the sanctions", 20L, "rare", 3L,
                        "once", 1L, "not", 40L, "of the", 40L, "kardenian banks", 6L), 10_000,
                Map.of("the", 14_000L, "sanctions", 2L), 280_000, Set.of("sanctions"), 10);
        assertEquals(List.of("kardenia", "kardenian banks", "rare"),
                rising.stream().map(Report.RisingTerm::term).toList());
    }

    @Test
    void sumsWeeksAndRecomputesTheirRates() {
        LocalDate monday = LocalDate.of(2024, 11, 4);
        List<Periods.Period> weeks = Periods.sum(new Report.TopicSeries("t", List.of(day(monday, 2, 2, false),
                day(monday.plusDays(6), 4, 3, false), day(monday.plusDays(7), 1, 1, false))), Bucket.WEEK);
        assertEquals(2, weeks.size());
        assertEquals(6, weeks.get(0).mentions());
        assertEquals(3.0, weeks.get(0).perMillion());
        assertEquals(Bucket.WEEK, Periods.bucketFor(monday, monday.plusDays(500)));
        assertEquals(Bucket.MONTH, Periods.bucketFor(monday, monday.plusYears(10)));
    }
}
