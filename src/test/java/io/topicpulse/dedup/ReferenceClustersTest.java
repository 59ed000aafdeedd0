package io.topicpulse.dedup;

import io.topicpulse.dedup.ReferenceClusters.Doc;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference clustering the Spark clusters are checked against. */
class ReferenceClustersTest {

    private static final MinHasher HASHER = MinHasher.standard();
    private static final String STORY = "The central bank raised its key rate by half a point on Friday, saying "
            + "consumer prices rose faster than expected in the third quarter and the national currency fell to a "
            + "record low against the dollar. The finance ministry said in a statement that the budget deficit "
            + "widened to four percent of output and that spending on energy subsidies would be cut next year.";
    private static final String OTHER = "Polls opened early in the morning across the northern provinces, where "
            + "opposition candidates complained of irregularities in the voter lists and international observers "
            + "said they would publish their assessment of the campaign after preliminary results are announced.";

    @Test
    void namesEachClusterAfterItsEarliestMember() {
        Map<String, String> clusters = ReferenceClusters.cluster(NearDuplicateRule.standard(), List.of(
                doc("z-wire", 1, STORY),
                doc("a-recrawl", 2, STORY + " Latest news: Storm closes port. Festival opens in the capital."),
                doc("m-other", 1, OTHER)));
        assertEquals(Map.of("z-wire", "z-wire", "a-recrawl", "z-wire", "m-other", "m-other"), clusters);
    }

    @Test
    void keepsTheClusterIdWhenALaterNightBringsAnotherCopy() {
        List<Doc> night1 = new ArrayList<>(List.of(doc("n1-a", 1, STORY), doc("n1-b", 1, OTHER)));
        Map<String, String> before = ReferenceClusters.cluster(NearDuplicateRule.standard(), night1);
        List<Doc> withNight2 = new ArrayList<>(night1);
        withNight2.add(doc("a0-copy", 2, "Breaking: " + STORY));
        Map<String, String> after = ReferenceClusters.cluster(NearDuplicateRule.standard(), withNight2);
        assertEquals(before.get("n1-a"), after.get("n1-a"));
        assertEquals("n1-a", after.get("a0-copy"));
    }

    @Test
    void clustersManyExactCopiesUnderTheEarliest() {
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            docs.add(doc(String.format("copy%04d", i), 2000 - i, "Access denied. You do not have permission."));
        }
        Map<String, String> clusters = ReferenceClusters.cluster(NearDuplicateRule.standard(), docs);
        assertEquals(Set.of("copy1999"), Set.copyOf(clusters.values()));
    }

    @Test
    void leavesTextsWithoutWordsUnclustered() {
        Map<String, String> clusters = ReferenceClusters.cluster(NearDuplicateRule.standard(), List.of(
                doc("e1", 1, ""), doc("e2", 2, " ... ")));
        assertEquals(Map.of("e1", "e1", "e2", "e2"), clusters);
    }

    @Test
    void breaksFirstSeenTiesByIdSoReRunsAgree() {
        Map<String, String> clusters = ReferenceClusters.cluster(NearDuplicateRule.standard(), List.of(
                doc("b", 5, STORY), doc("a", 5, STORY.toUpperCase())));
        assertEquals("a", clusters.get("b"));
    }

    @Test
    void refusesTheSameIdTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceClusters.cluster(NearDuplicateRule.standard(), List.of(doc("x", 1, STORY), doc("x", 2, OTHER))));
        assertTrue(e.getMessage().contains("x twice"), e.getMessage());
    }

    @Test
    void refusesThresholdsOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new NearDuplicateRule(LshBands.standard(), 0));
        assertThrows(IllegalArgumentException.class, () -> new NearDuplicateRule(LshBands.standard(), 1.5));
    }

    private static Doc doc(String id, long firstSeen, String text) {
        return new Doc(id, firstSeen, HASHER.signature(text));
    }
}
