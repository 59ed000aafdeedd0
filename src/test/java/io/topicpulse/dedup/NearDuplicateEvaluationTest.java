package io.topicpulse.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicpulse.SharedData;
import io.topicpulse.dedup.EditedCopiesCorpus.Article;
import io.topicpulse.dedup.ReferenceClusters.Doc;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Precision and recall of near-duplicate pair detection on edited copies (fixed seed): of generated news-like
 * articles, and of real article texts from the shared extraction benchmark when present. Prints the figures, a
 * threshold sweep and the similarity each kind of edit leaves to the test output.
 */
class NearDuplicateEvaluationTest {

    private static final long SEED = 20241130L;

    @Test
    void findsEditedCopiesOfGeneratedArticlesAndKeepsSameTopicArticlesApart() {
        Evaluation evaluation = new Evaluation("generated", EditedCopiesCorpus.generate(SEED, 200, 60, 120));
        Counts counts = evaluation.report();
        // Floors: no generated non-duplicate pair comes near the threshold (the highest is printed), so a false
        // positive means the hashing broke; copies stacking three edits, or copies of copies, fall below 0.5, so a
        // few percent of pairs are missed by design.
        assertTrue(counts.precision() >= 0.99, () -> "precision " + counts);
        assertTrue(counts.recall() >= 0.93, () -> "recall " + counts);
    }

    @Test
    void findsEditedCopiesOfRealArticleTexts() throws Exception {
        Path truth = SharedData.dir("extraction").resolve("wcxb-dev-articles/truth.jsonl");
        List<String> texts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(truth)) {
            JsonNode row = json.readTree(line);
            if (row.hasNonNull("title") && row.hasNonNull("body") && !row.get("body").asText().isBlank()) {
                texts.add(row.get("title").asText() + "\n\n" + row.get("body").asText());
            }
        }
        Evaluation evaluation = new Evaluation("real texts", EditedCopiesCorpus.fromTexts(SEED, texts, 300));
        Counts counts = evaluation.report();
        // Real articles are longer than the generated ones, so the same edits change a smaller share of them.
        assertTrue(counts.precision() >= 0.99, () -> "precision " + counts);
        assertTrue(counts.recall() >= 0.95, () -> "recall " + counts);
    }

    /** Signatures of one corpus and the figures over all its pairs. */
    private static final class Evaluation {
        private final String name;
        private final List<Article> articles;
        private final List<int[]> signatures;

        Evaluation(String name, List<Article> articles) {
            this.name = name;
            this.articles = articles;
            MinHasher hasher = MinHasher.standard();
            this.signatures = articles.stream().map(a -> hasher.signature(a.text())).toList();
        }

        /** Prints the figures and returns those of clustering at the default threshold. */
        Counts report() {
            Counts atDefault = clustered(NearDuplicateRule.DEFAULT_THRESHOLD);
            System.out.printf(Locale.ROOT, "[%s] clustering at threshold %.2f over %d docs: %s%n", name,
                    NearDuplicateRule.DEFAULT_THRESHOLD, articles.size(), atDefault);
            double highestNonDuplicate = 0;
            for (int i = 0; i < articles.size(); i++) {
                for (int j = i + 1; j < articles.size(); j++) {
                    if (!duplicates(i, j)) {
                        highestNonDuplicate = Math.max(highestNonDuplicate, similarity(i, j));
                    }
                }
            }
            System.out.printf(Locale.ROOT, "[%s] highest similarity of a non-duplicate pair: %.3f%n", name,
                    highestNonDuplicate);
            for (double t = 0.3; t <= 0.951; t += 0.05) {
                Counts pairwise = new Counts();
                for (int i = 0; i < articles.size(); i++) {
                    for (int j = i + 1; j < articles.size(); j++) {
                        pairwise.add(duplicates(i, j), similarity(i, j) >= t);
                    }
                }
                System.out.printf(Locale.ROOT, "[%s] at %.2f clustered %s | pairwise %s%n", name, t, clustered(t),
                        pairwise);
            }
            printSimilarityPerEdit();
            return atDefault;
        }

        private Counts clustered(double threshold) {
            List<Doc> docs = new ArrayList<>();
            for (int i = 0; i < articles.size(); i++) {
                docs.add(new Doc(articles.get(i).id(), i, signatures.get(i)));
            }
            Map<String, String> clusters = ReferenceClusters.cluster(
                    new NearDuplicateRule(LshBands.standard(), threshold), docs);
            Counts counts = new Counts();
            for (int i = 0; i < articles.size(); i++) {
                for (int j = i + 1; j < articles.size(); j++) {
                    counts.add(duplicates(i, j),
                            clusters.get(articles.get(i).id()).equals(clusters.get(articles.get(j).id())));
                }
            }
            return counts;
        }

        /** Mean and lowest similarity of single-edit copies to the text they were made from, per kind of edit. */
        private void printSimilarityPerEdit() {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < articles.size(); i++) {
                index.put(articles.get(i).id(), i);
            }
            for (EditedCopiesCorpus.Edit edit : EditedCopiesCorpus.Edit.values()) {
                DoubleSummaryStatistics stats = new DoubleSummaryStatistics();
                for (int i = 0; i < articles.size(); i++) {
                    Article copy = articles.get(i);
                    if (copy.edits().equals(List.of(edit))) {
                        stats.accept(similarity(i, index.get(copy.source())));
                    }
                }
                System.out.printf(Locale.ROOT, "[%s] single edit %-18s n=%3d mean=%.3f min=%.3f%n", name, edit,
                        stats.getCount(), stats.getAverage(), stats.getMin());
            }
        }

        private boolean duplicates(int i, int j) {
            return articles.get(i).family().equals(articles.get(j).family());
        }

        private double similarity(int i, int j) {
            return MinHasher.similarity(signatures.get(i), signatures.get(j));
        }
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
