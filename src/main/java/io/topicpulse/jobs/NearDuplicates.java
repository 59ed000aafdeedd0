package io.topicpulse.jobs;

import io.topicpulse.dedup.MinHasher;
import io.topicpulse.dedup.NearDuplicateRule;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;

/**
 * Near-duplicate clusters in Spark, with nothing per article on the driver: exact copies fold onto one
 * representative, LSH banding of the representatives finds candidate pairs in a shuffle, the exact signature check
 * keeps the near duplicates, and connected components are found by propagating the earliest member along the
 * pairs until no label changes.
 */
final class NearDuplicates {

    private static final StructType KEYED = new StructType()
            .add("band_key", DataTypes.LongType, false)
            .add("doc_id", DataTypes.StringType, false);

    private NearDuplicates() {
    }

    /**
     * Adds {@code cluster_id} to {@code articles} (which need doc_id, minhash and first_seen, a long that orders
     * members: the earliest names the cluster, ties broken by doc_id).
     */
    static Dataset<Row> withClusterIds(Dataset<Row> articles) {
        // Members are ordered as (first_seen, doc_id): Spark orders structs field by field.
        Dataset<Row> docs = articles.select(col("doc_id"), col("minhash"),
                        struct(col("first_seen"), col("doc_id")).as("order"))
                .filter(not(expr("forall(minhash, x -> x = " + MinHasher.EMPTY_SLOT + ")")))
                .persist(StorageLevel.MEMORY_AND_DISK()); // read by the folding, the banding and the components
        // Exact copies (replicated pages, thousands of "access denied" pages) share a signature: each joins the
        // earliest page with it, and only those representatives are banded, so a bucket never holds one text twice.
        Dataset<Row> reps = docs.groupBy("minhash").agg(min("order").as("rep"));
        Dataset<Row> copyEdges = docs.join(reps, "minhash")
                .filter(col("doc_id").notEqual(col("rep.doc_id")))
                .select(col("doc_id").as("a"), col("rep.doc_id").as("b"));
        Dataset<Row> banded = reps.select(col("rep.doc_id").as("doc_id"), col("minhash"));
        NearDuplicateRule rule = NearDuplicateRule.standard(); // shipped with the tasks: candidates and check alike
        Dataset<Row> byKey = banded.flatMap((FlatMapFunction<Row, Row>) r -> {
            List<Row> out = new ArrayList<>();
            for (long key : rule.bands().keys(ints(r.getList(1)))) {
                out.add(RowFactory.create(key, r.getString(0)));
            }
            return out.iterator();
        }, Encoders.row(KEYED));
        Dataset<Row> candidates = byKey.as("x").join(byKey.as("y"),
                        col("x.band_key").equalTo(col("y.band_key")).and(col("x.doc_id").lt(col("y.doc_id"))))
                .select(col("x.doc_id").as("a"), col("y.doc_id").as("b")).distinct();
        Dataset<Row> nearEdges = candidates
                .join(banded.select(col("doc_id").as("a"), col("minhash").as("sig_a")), "a")
                .join(banded.select(col("doc_id").as("b"), col("minhash").as("sig_b")), "b")
                .filter((FilterFunction<Row>) r -> rule.isNearDuplicate(
                        ints(r.getList(r.fieldIndex("sig_a"))), ints(r.getList(r.fieldIndex("sig_b")))))
                .select("a", "b");
        Dataset<Row> clusters = components(copyEdges.unionByName(nearEdges), docs.select("doc_id", "order"));
        return articles.join(clusters, new String[] {"doc_id"}, "left")
                .withColumn("cluster_id", coalesce(col("found_cluster"), col("doc_id")))
                .drop("found_cluster");
    }

    /**
     * Connected components of an undirected graph, each named after its least {@code order}: every node takes the
     * least label among itself and its neighbours, round after round, until a round changes none. Rounds grow with
     * the widest component (copies fold onto their representative first, so near-duplicate graphs are shallow).
     *
     * @param edges pairs of doc ids (a, b)
     * @param order doc_id and its order (a struct whose doc_id field names the cluster)
     * @return doc_id and found_cluster, for every node of an edge
     */
    static Dataset<Row> components(Dataset<Row> edges, Dataset<Row> order) {
        Dataset<Row> both = edges.select(col("a").as("node"), col("b").as("next"))
                .unionByName(edges.select(col("b").as("node"), col("a").as("next")))
                .localCheckpoint();
        Dataset<Row> labels = both.select(col("node").as("doc_id")).distinct()
                .join(order, "doc_id")
                .select(col("doc_id").as("node"), col("order").as("label"))
                .localCheckpoint();
        while (true) {
            Dataset<Row> offered = both.join(labels.withColumnRenamed("node", "next"), "next")
                    .select(col("node"), col("label"))
                    .unionByName(labels);
            Dataset<Row> next = offered.groupBy("node").agg(min("label").as("label")).localCheckpoint();
            long changed = next.as("n").join(labels.as("l"), "node")
                    .filter(col("n.label").notEqual(col("l.label"))).count();
            labels = next;
            if (changed == 0) {
                return labels.select(col("node").as("doc_id"), col("label.doc_id").as("found_cluster"));
            }
        }
    }

    static int[] ints(List<Integer> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
