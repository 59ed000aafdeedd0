package io.topicpulse.dedup;

import io.topicpulse.dedup.EditedCopiesCorpus.Article;
import io.topicpulse.dedup.NearDuplicateClusterer.Doc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Precision and recall of near-duplicate pair detection on a generated set of edited copies (fixed seed); prints
 * the figures and a threshold sweep to the test output.
 */
class NearDuplicateEvaluationTest {

    private static final long SEED = 20241130L;
    private static List<Article> articles;
    private static List<int[]> signatures;

    @BeforeAll
    static void generate() {
        articles = EditedCopiesCorpus.generate(SEED, 200, 60, 120);
        MinHasher hasher = MinHasher.standard();
        signatures = articles.stream().map(a -> hasher.signature(a.text())).toList();
    }

    @Test
    void clusteringFindsEditedCopiesAndKeepsSameTopicArticlesApart() {
        Counts counts = clustered(NearDuplicateClusterer.DEFAULT_THRESHOLD);
        System.out.printf(Locale.ROOT, "clustering at threshold %.2f over %d docs: %s%n",
                NearDuplicateClusterer.DEFAULT_THRESHOLD, articles.size(), counts);
        printSweep();
        printSimilarityPerEdit();
        // Floors: no generated non-duplicate pair comes near the threshold (the highest is printed), so any false
        // positive means the hashing broke; copies stacking three edits or copies of copies fall below 0.5, so
        // a few percent of pairs are missed by design.
        assertTrue(counts.precision() >= 0.99, () -> "precision " + counts);
        assertTrue(counts.recall() >= 0.93, () -> "recall " + counts);
    }

    private static void printSweep() {
        double highestNonDuplicate = 0;
        for (int i = 0; i < articles.size(); i++) {
            for (int j = i + 1; j < articles.size(); j++) {
                if (!articles.get(i).family().equals(articles.get(j).family())) {
                    highestNonDuplicate = Math.max(highestNonDuplicate,
                            MinHasher.similarity(signatures.get(i), signatures.get(j)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "highest estimated similarity of a non-duplicate pair: %.3f%n",
                highestNonDuplicate);
        for (double t = 0.3; t <= 0.951; t += 0.05) {
            Counts c = clustered(t);
            System.out.printf(Locale.ROOT, "clustered at %.2f: %s%n", t, c);
            Counts counts = new Counts();
            for (int i = 0; i < articles.size(); i++) {
                for (int j = i + 1; j < articles.size(); j++) {
                    counts.add(articles.get(i).family().equals(articles.get(j).family()),
                            MinHasher.similarity(signatures.get(i), signatures.get(j)) >= t);
                }
            }
            System.out.printf(Locale.ROOT, "pairwise at %.2f: %s%n", t, counts);
        }
    }

    /** Mean and lowest similarity of single-edit copies to the text they were made from, per kind of edit. */
    private static void printSimilarityPerEdit() {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < articles.size(); i++) {
            index.put(articles.get(i).id(), i);
        }
        for (EditedCopiesCorpus.Edit edit : EditedCopiesCorpus.Edit.values()) {
            java.util.DoubleSummaryStatistics stats = new java.util.DoubleSummaryStatistics();
            for (int i = 0; i < articles.size(); i++) {
                Article copy = articles.get(i);
                if (copy.edits().equals(List.of(edit))) {
                    stats.accept(MinHasher.similarity(signatures.get(i), signatures.get(index.get(copy.source()))));
                }
            }
            System.out.printf(Locale.ROOT, "single edit %-18s n=%3d mean=%.3f min=%.3f%n", edit, stats.getCount(),
                    stats.getAverage(), stats.getMin());
        }
    }

    private static Counts clustered(double threshold) {
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            docs.add(new Doc(articles.get(i).id(), i, signatures.get(i)));
        }
        Map<String, String> clusters = new NearDuplicateClusterer(LshBands.standard(), threshold).cluster(docs);
        Counts counts = new Counts();
        for (int i = 0; i < articles.size(); i++) {
            for (int j = i + 1; j < articles.size(); j++) {
                Article a = articles.get(i);
                Article b = articles.get(j);
                counts.add(a.family().equals(b.family()), clusters.get(a.id()).equals(clusters.get(b.id())));
            }
        }
        return counts;
    }

    private static final class Counts {
        long truePositives;
        long falsePositives;
        long falseNegatives;

        void add(boolean duplicate, boolean detected) {
            if (duplicate && detected) {
                truePositives++;
            } else if (detected) {
                falsePositives++;
            } else if (duplicate) {
                falseNegatives++;
            }
        }

        double precision() {
            return truePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "P=%.3f R=%.3f (tp=%d fp=%d fn=%d)",
                    precision(), recall(), truePositives, falsePositives, falseNegatives);
        }
    }
}
