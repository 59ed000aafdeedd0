package io.topicpulse.jobs;

import io.topicpulse.dedup.MinHasher;
import io.topicpulse.dedup.NearDuplicateRule;
import io.topicpulse.dedup.ReferenceClusters;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Near-duplicate clusters found in Spark against the in-memory reference. */
class NearDuplicatesTest extends SparkLexiconTest {

    private static final StructType DOCS = new StructType()
            .add("doc_id", DataTypes.StringType, false)
            .add("minhash", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("first_seen", DataTypes.LongType, false);

    @Test
    void clustersEqualTheInMemoryReferenceOnCopiesEditsChainsAndEmptyTexts() {
        Random random = new Random(20261207L);
        List<ReferenceClusters.Doc> docs = corpus(random);
        List<Row> rows = new ArrayList<>();
        for (ReferenceClusters.Doc d : docs) {
            List<Integer> sig = new ArrayList<>();
            for (int v : d.signature()) {
                sig.add(v);
            }
            rows.add(RowFactory.create(d.id(), sig, d.firstSeen()));
        }
        Dataset<Row> articles = spark.createDataFrame(rows, DOCS);

        Map<String, String> expected = ReferenceClusters.cluster(NearDuplicateRule.standard(), docs);
        Map<String, String> actual = new HashMap<>();
        for (Row r : NearDuplicates.withClusterIds(articles).select("doc_id", "cluster_id").collectAsList()) {
            actual.put(r.getString(0), r.getString(1));
        }

        assertEquals(expected, actual);
        long clusters = expected.values().stream().distinct().count();
        assertTrue(clusters > 20 && clusters < docs.size() / 2,
                "the corpus must hold both many clusters and many copies, had " + clusters + " of " + docs.size());
    }

    @Test
    void aChainOfEditsIsOneClusterNamedAfterItsEarliestMember() {
        Dataset<Row> edges = spark.createDataFrame(List.of(RowFactory.create("d", "c"), RowFactory.create("c", "b"),
                RowFactory.create("b", "a"), RowFactory.create("x", "y")),
                new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType));
        StructType order = new StructType().add("doc_id", DataTypes.StringType)
                .add("order", new StructType().add("first_seen", DataTypes.LongType).add("doc_id",
                        DataTypes.StringType));
        List<Row> orders = new ArrayList<>();
        long[] seen = {5, 4, 3, 9, 1, 1};
        String[] ids = {"a", "b", "c", "d", "x", "y"};
        for (int i = 0; i < ids.length; i++) {
            orders.add(RowFactory.create(ids[i], RowFactory.create(seen[i], ids[i])));
        }
        Map<String, String> found = new HashMap<>();
        for (Row r : NearDuplicates.components(edges, spark.createDataFrame(orders, order)).collectAsList()) {
            found.put(r.getString(0), r.getString(1));
        }

        assertEquals(Map.of("a", "c", "b", "c", "c", "c", "d", "c", "x", "x", "y", "x"), found);
    }

    /** Originals with exact copies, lightly edited copies, copies of copies, and texts without words. */
    private static List<ReferenceClusters.Doc> corpus(Random random) {
        MinHasher hasher = MinHasher.standard();
        List<String> vocabulary = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            vocabulary.add("w" + Integer.toString(i, 36) + (char) ('a' + random.nextInt(26)));
        }
        List<ReferenceClusters.Doc> docs = new ArrayList<>();
        int n = 0;
        for (int original = 0; original < 60; original++) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < 150 + random.nextInt(200); i++) {
                words.add(vocabulary.get(random.nextInt(vocabulary.size())));
            }
            List<String> text = words;
            int copies = random.nextInt(5);
            for (int c = 0; c <= copies; c++) {
                if (c > 0 && random.nextBoolean()) {
                    text = edited(text, random); // each copy edits the one before: a chain
                }
                String joined = String.join(" ", text);
                docs.add(new ReferenceClusters.Doc("doc-" + (n++), random.nextInt(40),
                        hasher.signature(joined)));
            }
        }
        for (int i = 0; i < 4; i++) {
            docs.add(new ReferenceClusters.Doc("empty-" + i, i, hasher.signature("")));
        }
        return docs;
    }

    private static List<String> edited(List<String> words, Random random) {
        List<String> out = new ArrayList<>(words);
        for (int i = 0; i < 2; i++) {
            out.set(random.nextInt(out.size()), "edit" + random.nextInt(1000));
        }
        return out;
    }
}
