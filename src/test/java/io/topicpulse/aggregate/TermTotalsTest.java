package io.topicpulse.aggregate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** term_daily's sums: per day and term, occurrences and articles, merged across disjoint sets of articles. */
class TermTotalsTest {

    private static final LocalDate MONDAY = LocalDate.of(2024, 11, 4);

    @Test
    void sumsOccurrencesAndCountsArticlesPerDayKeepingTermsAtTheThreshold() {
        TermTotals totals = new TermTotals();
        totals.add(MONDAY, Map.of("axis", 3, "truce", 1));
        totals.add(MONDAY, Map.of("axis", 1));
        totals.add(MONDAY.plusDays(1), Map.of("truce", 2));
        assertEquals(List.of("2024-11-04 axis 4 2", "2024-11-05 truce 2 1"), rows(totals, 2));
    }

    @Test
    void totalsCountedInPartsAddUpToTheTotalsCountedAtOnce() {
        TermTotals whole = new TermTotals();
        TermTotals first = new TermTotals();
        TermTotals second = new TermTotals();
        List<Map<String, Integer>> articles = List.of(Map.of("axis", 2, "steel vote", 1), Map.of("axis", 1),
                Map.of("steel vote", 4, "harbor", 1));
        for (int i = 0; i < articles.size(); i++) {
            whole.add(MONDAY, articles.get(i));
            (i == 0 ? first : second).add(MONDAY, articles.get(i));
        }
        first.addAll(second);
        assertEquals(rows(whole, 1), rows(first, 1));
        assertEquals(List.of("2024-11-04 axis 3 2", "2024-11-04 harbor 1 1", "2024-11-04 steel vote 5 2"),
                rows(first, 1));
    }

    @Test
    void mergingALargerPartIntoASmallerOneGivesTheSameTotals() {
        TermTotals small = new TermTotals();
        small.add(MONDAY, Map.of("axis", 1));
        TermTotals large = new TermTotals();
        large.add(MONDAY, Map.of("axis", 2, "truce", 1, "harbor", 3));
        large.add(MONDAY, Map.of("truce", 2));
        large.add(MONDAY.plusDays(1), Map.of("axis", 5));

        small.addAll(large);

        assertEquals(List.of("2024-11-04 axis 3 2", "2024-11-04 harbor 3 1", "2024-11-04 truce 3 2",
                "2024-11-05 axis 5 1"), rows(small, 1));
        assertEquals(List.of(), rows(large, 1), "the merged part is taken over");
    }

    @Test
    void keepsTheSumsOfManyTermsIncludingTermsWhoseHashesCollide() {
        TermTotals totals = new TermTotals();
        TermTotals other = new TermTotals();
        java.util.TreeMap<String, long[]> expected = new java.util.TreeMap<>();
        java.util.Random random = new java.util.Random(7);
        for (int article = 0; article < 300; article++) {
            Map<String, Integer> counts = new java.util.HashMap<>();
            for (int t = 0; t < 200; t++) {
                counts.merge("term" + random.nextInt(20_000), 1 + random.nextInt(3), Integer::sum);
            }
            // "Aa" and "BB" share String.hashCode, as do "AaAa", "AaBB", "BBAa" and "BBBB".
            counts.put(article % 2 == 0 ? "Aa" : "BB", 1);
            counts.put(List.of("AaAa", "AaBB", "BBAa", "BBBB").get(article % 4), 2);
            (article % 3 == 0 ? other : totals).add(MONDAY, counts);
            counts.forEach((term, n) -> {
                long[] sum = expected.computeIfAbsent(term, k -> new long[2]);
                sum[0] += n;
                sum[1]++;
            });
        }
        totals.addAll(other);
        List<String> want = new ArrayList<>();
        expected.forEach((term, n) -> want.add("2024-11-04 " + term + " " + n[0] + " " + n[1]));
        want.sort(null);
        assertEquals(want, rows(totals, 1));
        assertEquals("2024-11-04 Aa 150 150", rows(totals, 1).stream().filter(r -> r.contains(" Aa ")).findFirst()
                .orElseThrow());
    }

    private static List<String> rows(TermTotals totals, long min) {
        List<String> out = new ArrayList<>();
        totals.forEachAtLeast(min, (day, term, count, articles) -> out.add(day + " " + term + " " + count + " "
                + articles));
        out.sort(null);
        return out;
    }
}
